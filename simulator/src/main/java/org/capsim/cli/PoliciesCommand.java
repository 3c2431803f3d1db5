package org.capsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.capsim.policy.PolicyLookupException;
import org.capsim.policy.PolicyRegistry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capsim policies}: lists the routing policies found, each with the description it gives itself. */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = {"List the routing policies capsim finds: the built-ins and those in --classpath jars.",
            "Name one in a scenario (routing.policy) or with 'capsim run --policy NAME'.",
            "'deal' is reserved: on the command line it means the scenario's own routing",
            "(routing.policy with its phases), e.g. 'capsim compare S --policies rofr,deal';",
            "a policy class named 'deal' is refused."})
final class PoliciesCommand implements Callable<Integer> {

    /** Shown for a policy whose {@code description()} is blank, so its author knows where one goes. */
    static final String NO_DESCRIPTION = "(no description: the class can give one in description())";

    /** Listed after the policies: {@code deal} is a word the command line takes, not a class. */
    static final String DEAL_LINE = "(reserved, not a policy) the scenario's own routing.policy with its routing.phases, "
            + "for --policy and --policies";

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "POLICY", arity = "0..*",
            description = "Only these policies: short names, or fully qualified class names on --classpath "
                    + "(such a class needs no services file).")
    List<String> only;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PolicyRegistry registry = common.registry();
        List<PolicyRegistry.Entry> entries = only == null ? registry.entries()
                : only.stream().map(name -> find(registry, name)).toList();
        int width = entries.stream().mapToInt(entry -> entry.name().length()).max().orElse(4);
        for (PolicyRegistry.Entry entry : entries) {
            String description = entry.description().isBlank() ? NO_DESCRIPTION : entry.description();
            out.printf("%-" + width + "s  %s%n", entry.name(), description);
            if (!entry.builtIn()) {
                out.printf("%-" + width + "s  (%s from %s)%n", "", entry.type().getName(), entry.origin());
            }
        }
        if (only == null) {
            out.printf("%-" + width + "s  %s%n", PolicyRegistry.DEAL, DEAL_LINE);
        }
        out.flush();
        return Main.OK;
    }

    private static PolicyRegistry.Entry find(PolicyRegistry registry, String name) {
        try {
            return registry.find(name);
        } catch (PolicyLookupException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
