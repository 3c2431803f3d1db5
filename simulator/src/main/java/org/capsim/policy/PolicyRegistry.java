package org.capsim.policy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The routing policies capsim can find: those registered with {@link ServiceLoader} (the
 * built-ins and any planner jar on {@code --classpath}), by short name, and any class on that
 * class path by its fully qualified name.
 */
public final class PolicyRegistry {

    private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * Not a policy: the word {@code run --policy} and {@code compare --policies} take for the
     * scenario's own {@code routing.policy} with its {@code phases}. Reserved, so that no policy
     * class takes it (one that does is refused, not silently shadowed).
     */
    public static final String DEAL = "deal";

    /**
     * A policy class capsim can instantiate.
     *
     * @param origin "built-in" for capsim's own policies, else where the class came from
     */
    public record Entry(String name, String description, Class<? extends RoutingPolicy> type, String origin) {

        /** Whether it is one of capsim's own policies (its failures are capsim's bugs). */
        public boolean builtIn() {
            return origin.equals("built-in");
        }

        /** A fresh instance (one per replication). */
        public RoutingPolicy create() {
            return instantiate(type);
        }
    }

    private final ClassLoader loader;
    private final Map<String, Entry> byName;

    private PolicyRegistry(ClassLoader loader, Map<String, Entry> byName) {
        this.loader = loader;
        this.byName = byName;
    }

    /**
     * Finds the registered policies visible to {@code loader}.
     *
     * @throws PolicyLookupException when a registered class cannot be loaded, or two share a name
     */
    public static PolicyRegistry load(ClassLoader loader) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        try {
            for (ServiceLoader.Provider<RoutingPolicy> provider : ServiceLoader.load(RoutingPolicy.class, loader)
                    .stream().toList()) {
                Entry entry = entry(provider.type());
                Entry clash = byName.putIfAbsent(entry.name(), entry);
                if (clash != null && clash.type() != entry.type()) {
                    throw new PolicyLookupException("two routing policies are named '" + entry.name() + "': "
                            + clash.type().getName() + " (" + clash.origin() + ") and " + entry.type().getName()
                            + " (" + entry.origin() + ")");
                }
            }
        } catch (ServiceConfigurationError error) {
            throw new PolicyLookupException("a registered routing policy cannot be loaded: " + error.getMessage());
        }
        return new PolicyRegistry(loader, byName);
    }

    /** Registered policies, built-ins first, in discovery order. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** Short names of the registered policies. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The policy named {@code nameOrClass}: a registered short name, or a fully qualified class
     * name on the class path.
     *
     * @throws PolicyLookupException with a message fit for the user
     */
    public Entry find(String nameOrClass) {
        Entry entry = byName.get(nameOrClass);
        if (entry != null) {
            return entry;
        }
        if (nameOrClass.equals(DEAL)) {
            throw new PolicyLookupException("'" + DEAL + "' is not a policy: on the command line (--policy, --policies) "
                    + "it names the scenario's own routing; here, name a policy (known: " + String.join(", ", byName.keySet())
                    + ")");
        }
        if (!nameOrClass.contains(".")) {
            throw new PolicyLookupException("unknown policy '" + nameOrClass + "'; known: " + String.join(", ", byName.keySet())
                    + " (or a fully qualified class name on --classpath)");
        }
        Class<?> type;
        try {
            type = Class.forName(nameOrClass, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PolicyLookupException("policy class '" + nameOrClass + "' not found on the class path"
                    + " (add its jar or folder with --classpath)");
        }
        if (!RoutingPolicy.class.isAssignableFrom(type)) {
            throw new PolicyLookupException("class '" + nameOrClass + "' does not implement " + RoutingPolicy.class.getName());
        }
        return entry(type.asSubclass(RoutingPolicy.class));
    }

    private static Entry entry(Class<? extends RoutingPolicy> type) {
        RoutingPolicy sample = instantiate(type);
        String name;
        String description;
        try {
            name = sample.name();
            description = sample.description();
        } catch (RuntimeException e) {
            throw new PolicyLookupException("policy class " + type.getName() + " failed in name() or description(): " + e);
        }
        if (name == null || !SHORT_NAME.matcher(name).matches()) {
            throw new PolicyLookupException("policy class " + type.getName() + " has an invalid name '" + name
                    + "'; a policy name is lower-case letters, digits and '-'");
        }
        if (name.equals(DEAL)) {
            throw new PolicyLookupException("policy class " + type.getName() + " is named '" + DEAL + "', which capsim "
                    + "reserves for the scenario's own routing (compare --policies rofr,deal); give the policy another name");
        }
        return new Entry(name, description == null ? "" : description, type, origin(type));
    }

    static RoutingPolicy instantiate(Class<? extends RoutingPolicy> type) {
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new PolicyLookupException("policy class " + type.getName() + " must be public and not abstract");
        }
        try {
            Constructor<? extends RoutingPolicy> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new PolicyLookupException("policy class " + type.getName() + " needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new PolicyLookupException("policy class " + type.getName() + " failed in its constructor: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PolicyLookupException("policy class " + type.getName() + " cannot be created: " + e);
        }
    }

    private static String origin(Class<?> type) {
        if (type.getClassLoader() == PolicyRegistry.class.getClassLoader()
                && type.getPackageName().equals(PolicyRegistry.class.getPackageName())) {
            return "built-in";
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location == null ? "class path" : location.getPath();
    }
}
