package org.capsim.scenario;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The GPU types and providers the file declares, also those whose entry had problems, so a
 * later section says nothing about them being unknown; and the providers that sites name.
 */
final class DeclaredNames {

    private final Set<String> types = new LinkedHashSet<>();
    private final Set<String> providers = new LinkedHashSet<>();
    /** Providers named by a site, also a site with problems: the "holder has no sites" check must not fire for them. */
    private final Set<String> siteProviders = new LinkedHashSet<>();

    Set<String> types() {
        return types;
    }

    Set<String> providers() {
        return providers;
    }

    Set<String> siteProviders() {
        return siteProviders;
    }

    /** Whether {@code typeName} is to be reported unknown: not declared, while some type is. */
    boolean unknownType(String typeName) {
        return !types.contains(typeName) && !types.isEmpty();
    }

    /** Whether {@code id} is to be reported unknown: not declared, while some provider is. */
    boolean unknownProvider(String id) {
        return !providers.contains(id) && !providers.isEmpty();
    }

    String unknownTypeMessage(String typeName) {
        return "unknown GPU type '" + typeName + "'; known: " + (types.isEmpty() ? "none" : String.join(", ", types));
    }
}
