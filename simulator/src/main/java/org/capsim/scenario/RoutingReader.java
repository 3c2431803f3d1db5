package org.capsim.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.model.Calendar;
import org.capsim.policy.PolicyLookupException;
import org.capsim.policy.PolicyRegistry;
import org.capsim.policy.RoutingPolicy;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@code routing} (SPEC section 3): the policy, its dated {@code phases} and each policy's
 * settings block. Each policy that will run (or the command line's instead) reads its own block
 * through {@link BlockSettings}, so a misspelled setting is reported where it is.
 */
final class RoutingReader {

    private static final String DEFAULT_POLICY = "earliest-start";

    private final ScenarioInput input;
    private final YamlReader yaml;
    private final DeclaredNames declared;
    private final ScenarioLoader.Options options;

    RoutingReader(ScenarioInput input, DeclaredNames declared, ScenarioLoader.Options options) {
        this.input = input;
        this.yaml = input.yaml();
        this.declared = declared;
        this.options = options;
    }

    /** The routing spec; the chosen policies and every settings block have been checked. */
    RoutingSpec read(Mapping root, Calendar calendar) {
        Node node = root.get("routing");
        Location at = node == null ? new Location(input.label(), 1, 1) : yaml.at(node);
        Mapping routing = node == null ? null : yaml.mapping(node, "routing");
        Map<String, SettingsBlock> blocks = new LinkedHashMap<>();
        String policy = DEFAULT_POLICY;
        Location policyAt = at;
        Node policyNode = null;
        List<RoutingSpec.Phase> phases = new ArrayList<>();
        List<Node> phaseNodes = List.of();
        if (routing != null) {
            policyNode = routing.get("policy");
            if (policyNode != null) {
                policy = yaml.text(policyNode, "routing.policy");
                policyAt = yaml.at(policyNode);
            }
            phaseNodes = phases(routing, calendar, phases);
            for (String key : routing.keys()) {
                if (key.equals("policy") || key.equals("phases")) {
                    continue;
                }
                routing.get(key);
                SettingsBlock block = settingsBlock(routing, key);
                if (block != null) {
                    blocks.put(key, block);
                }
            }
        }
        RoutingSpec spec;
        List<PolicyRegistry.Entry> chosen = new ArrayList<>(); // the policies that will run
        // "deal" among the command line's policies runs the scenario's own routing beside the others
        List<String> named = options.policies().stream().filter(name -> !name.equals(PolicyRegistry.DEAL)).toList();
        if (!options.policies().isEmpty() && named.size() == options.policies().size()) {
            // --policy (or compare's --policies) replaces the scenario's whole deal, phases included
            String option = options.policiesOption();
            String names = String.join(",", options.policies());
            if (!phases.isEmpty()) {
                input.note(option + " " + names + " replace" + (options.policies().size() == 1 ? "s" : "")
                        + " routing.policy and routing.phases");
            }
            spec = new RoutingSpec(options.policies().get(0), new Location(option, 0, 0), blocks, at, List.of());
            for (String name : options.policies()) {
                addFound(chosen, name, null, option);
            }
        } else {
            spec = new RoutingSpec(policy == null ? DEFAULT_POLICY : policy, policyAt, blocks, at, phases);
            if (policy == null) {
                return spec;
            }
            addFound(chosen, policy, policyNode, "routing.policy");
            for (int i = 0; i < phases.size(); i++) {
                addFound(chosen, phases.get(i).policy(), phaseNodes.get(i), YamlReader.index("routing.phases", i) + ".policy");
            }
            named.forEach(name -> addFound(chosen, name, null, options.policiesOption()));
        }
        checkBlocks(routing, blocks, spec, chosen, calendar == null ? null : calendar.start());
        return spec;
    }

    /** Every settings block is checked by its own policy; the chosen policies' even when empty. */
    private void checkBlocks(Mapping routing, Map<String, SettingsBlock> blocks, RoutingSpec spec,
            List<PolicyRegistry.Entry> chosen, LocalDate start) {
        Map<String, PolicyRegistry.Entry> readers = new LinkedHashMap<>();
        chosen.forEach(entry -> readers.putIfAbsent(entry.name(), entry));
        List<String> registered = options.registry().names();
        for (String blockName : blocks.keySet()) {
            if (registered.contains(blockName)) {
                readers.putIfAbsent(blockName, options.registry().find(blockName));
            } else if (!readers.containsKey(blockName)) {
                String suggestion = YamlReader.closest(blockName, registered);
                yaml.problem(routing.keyNode(blockName), "routing." + blockName, "unknown key: not a policy"
                        + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                        + " (known: policy, " + String.join(", ", registered) + ")");
            }
        }
        ScenarioFactsView facts = new ScenarioFactsView(List.copyOf(declared.providers()), declared.siteProviders(), start);
        readers.values().forEach(entry -> configure(entry, spec, facts));
    }

    /**
     * Reads {@code routing.phases} into {@code phases}: dates in increasing order within the
     * simulated period, each with a policy name. Returns the policy nodes, for messages.
     */
    private List<Node> phases(Mapping routing, Calendar calendar, List<RoutingSpec.Phase> phases) {
        Node node = routing.get("phases");
        if (node == null) {
            return List.of();
        }
        List<Node> items = yaml.sequence(node, "routing.phases");
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            yaml.problem(node, "routing.phases", "give at least one phase, e.g. - { from: 2025-10-28, policy: commitment }");
        }
        List<Node> policyNodes = new ArrayList<>();
        LocalDate previous = null;
        for (int i = 0; i < items.size(); i++) {
            String path = YamlReader.index("routing.phases", i);
            Mapping phase = yaml.mapping(items.get(i), path);
            if (phase == null) {
                continue;
            }
            LocalDate from = input.required(phase, "from", n -> yaml.date(n, phase.path("from")));
            String policy = input.required(phase, "policy", n -> yaml.text(n, phase.path("policy")));
            phase.rejectUnknownKeys();
            if (from != null && calendar != null && (from.isBefore(calendar.start()) || from.isAfter(calendar.horizon()))) {
                yaml.problem(phase.get("from"), phase.path("from"), "the phase starts on " + from
                        + ", outside the simulated period " + calendar.start() + " to " + calendar.horizon()
                        + " (routing.policy covers the time before the first phase)");
                continue;
            }
            if (from != null && previous != null && !from.isAfter(previous)) {
                yaml.problem(phase.get("from"), phase.path("from"), "phases must be in date order: " + from
                        + " is not after " + previous);
                continue;
            }
            if (from == null || policy == null || calendar == null) {
                continue;
            }
            previous = from;
            phases.add(new RoutingSpec.Phase(from, calendar.hoursAt(from), policy, yaml.at(phase.get("policy"))));
            policyNodes.add(phase.get("policy"));
        }
        return policyNodes;
    }

    /** Lets {@code entry} read its block, reporting its problems and the keys it did not read. */
    private void configure(PolicyRegistry.Entry entry, RoutingSpec spec, ScenarioFactsView facts) {
        BlockSettings settings = new BlockSettings(spec.block(entry.name()), input.problems(), facts, spec);
        try {
            RoutingPolicy policy = entry.create();
            policy.configure(settings);
        } catch (PolicyLookupException e) {
            input.problems().add(spec.at(), "routing", e.getMessage());
            return;
        } catch (RuntimeException e) {
            input.problems().add(spec.block(entry.name()).at(), "routing." + entry.name(), "policy '" + entry.name()
                    + "' failed while reading its settings: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return;
        }
        settings.reportUnread(entry.name());
    }

    /** Adds the policy {@code name} to {@code chosen}, or reports at {@code node} that there is none. */
    private void addFound(List<PolicyRegistry.Entry> chosen, String name, Node node, String path) {
        try {
            chosen.add(options.registry().find(name));
        } catch (PolicyLookupException e) {
            report(node, path, e.getMessage());
        }
    }

    private void report(Node node, String path, String message) {
        if (node == null) {
            input.problems().add(new Location(path, 0, 0), "", message);
        } else {
            yaml.problem(node, path, message);
        }
    }

    private SettingsBlock settingsBlock(Mapping routing, String key) {
        String path = "routing." + key;
        Node node = routing.get(key);
        if (YamlReader.isNull(node)) {
            return SettingsBlock.empty(path, yaml.at(node));
        }
        if (!(node instanceof MappingNode)) {
            yaml.problem(node, path, "expected the settings of policy '" + key + "' as a mapping, got "
                    + YamlReader.describe(node));
            return null;
        }
        Mapping block = yaml.mapping(node, path);
        Map<String, Setting> values = new LinkedHashMap<>();
        for (String name : block.keys()) {
            Node value = block.get(name);
            values.put(name, new Setting(settingValue(value), yaml.at(value)));
        }
        return new SettingsBlock(path, yaml.at(node), values);
    }

    private static Object settingValue(Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            return new Setting.Complex(node instanceof MappingNode ? "mapping" : "list");
        }
        String text = scalar.getValue().trim();
        if (scalar.getScalarStyle() == ScalarStyle.PLAIN) {
            if (YamlReader.isNull(node)) {
                return "";
            }
            if (text.matches("[-+]?[0-9]+")) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    return Double.parseDouble(text);
                }
            }
            if (text.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
                return Double.parseDouble(text);
            }
            if (text.matches("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)")) {
                return text.contains("nan") || text.contains("NaN") || text.contains("NAN") ? Double.NaN
                        : text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        return scalar.getValue();
    }
}
