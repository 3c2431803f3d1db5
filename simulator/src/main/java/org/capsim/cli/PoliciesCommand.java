package org.capsim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.capsim.policy.PolicyRegistry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code capsim policies}: lists the routing policies found. */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = {"List the routing policies capsim finds: the built-ins and those in --classpath jars.",
            "Name one in a scenario (routing.policy) or with 'capsim run --policy NAME'."})
final class PoliciesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PolicyRegistry registry = common.registry();
        int width = registry.names().stream().mapToInt(String::length).max().orElse(4);
        for (PolicyRegistry.Entry entry : registry.entries()) {
            out.printf("%-" + width + "s  %s%n", entry.name(), entry.description());
            if (!entry.builtIn()) {
                out.printf("%-" + width + "s  (%s from %s)%n", "", entry.type().getName(), entry.origin());
            }
        }
        out.flush();
        return Main.OK;
    }
}
