package org.capsim.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.capsim.policy.PolicyLookupException;
import org.capsim.policy.PolicyRegistry;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Jars or class folders with your own routing policies, separated by '${sys:path.separator}'. "
                    + "A policy is then found by its short name (if its jar lists it in "
                    + "META-INF/services/org.capsim.policy.RoutingPolicy) or by its fully qualified class name.")
    String classpath;

    @Option(names = "--debug", description = "Print stack traces of errors (for reporting bugs).")
    boolean debug;

    /** The policies visible with {@code --classpath}. */
    PolicyRegistry registry() {
        ClassLoader parent = CommonOptions.class.getClassLoader();
        if (classpath == null || classpath.isBlank()) {
            return load(parent);
        }
        List<URL> urls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                problems.add("--classpath: " + entry + ": not found");
                continue;
            }
            if (!Files.isDirectory(path) && !entry.endsWith(".jar")) {
                problems.add("--classpath: " + entry + ": expected a .jar file or a folder of classes");
                continue;
            }
            try {
                urls.add(path.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                problems.add("--classpath: " + entry + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return load(new URLClassLoader("capsim-policies", urls.toArray(URL[]::new), parent));
    }

    private static PolicyRegistry load(ClassLoader loader) {
        try {
            return PolicyRegistry.load(loader);
        } catch (PolicyLookupException e) {
            throw new BadInputException("--classpath: " + e.getMessage());
        }
    }
}
