package org.capsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.capsim.scenario.KeyPath.Index;
import org.capsim.scenario.KeyPath.Key;
import org.capsim.scenario.KeyPath.Step;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Applies {@code --set} assignments to a scenario's YAML node tree before it is read, so the
 * reader validates a set value exactly like one written in the file. Every node an assignment
 * brings (its value, and keys and mappings it creates) is marked with the assignment's label,
 * which {@link YamlReader#at} turns into a location at the assignment instead of a file line.
 */
final class Assignments {

    private Assignments() {
    }

    /**
     * Applies {@code assignments} in order; one that cannot be applied is a problem located at it.
     *
     * @return the root to read: a copy along each set path, so a node the file shares through a
     *         YAML alias changes only where the path points
     */
    static Node apply(Node root, List<Assignment> assignments, Problems problems) {
        for (Assignment assignment : assignments) {
            root = apply(root, assignment, problems);
        }
        return root;
    }

    private static Node apply(Node root, Assignment assignment, Problems problems) {
        Location at = new Location(assignment.label(), 0, 0);
        Optional<KeyPath> path = KeyPath.parse(assignment.path());
        if (path.isEmpty()) {
            problems.add(at, "", "'" + assignment.path() + "' is not a key path; " + KeyPath.RULE);
            return root;
        }
        Optional<Node> value = value(assignment, at, problems);
        return value.isEmpty() ? root : set(root, path.get(), value.get(), at, problems);
    }

    /** The assignment's value parsed as YAML, its marks named by the assignment's label. */
    private static Optional<Node> value(Assignment assignment, Location at, Problems problems) {
        LoadSettings settings = YamlFile.settings(assignment.label());
        try {
            if (YamlFile.firstTooDeep(settings, assignment.value()).isPresent()) {
                problems.add(at, assignment.path(), "the value is nested more than " + YamlFile.MAX_DEPTH + " levels deep");
                return Optional.empty();
            }
            Optional<Node> node = new Compose(settings).composeString(assignment.value());
            if (node.isEmpty()) {
                problems.add(at, assignment.path(), "no value after '='");
            }
            return node;
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            problems.add(at, assignment.path(), YamlFile.syntaxError(e)
                    + mark.map(m -> " at character " + (m.getIndex() + 1) + " of the value").orElse(""));
        } catch (YamlEngineException e) {
            problems.add(at, assignment.path(), YamlFile.unmarked(e));
        }
        return Optional.empty();
    }

    /** Walks {@code path} from the root, creating missing mapping keys, and puts {@code value} at its end. */
    private static Node set(Node root, KeyPath path, Node value, Location at, Problems problems) {
        Optional<Mark> mark = value.getStartMark();
        List<Step> steps = path.steps();
        Node top = copy(root);
        Node node = top;
        for (int i = 0; i < steps.size(); i++) {
            String prefix = path.prefix(i);
            boolean last = i == steps.size() - 1;
            if (steps.get(i) instanceof Key key) {
                if (!(node instanceof MappingNode mapping)) {
                    problems.add(at, prefix, "expected a mapping to look up '" + key.name() + "' in, got "
                            + YamlReader.describe(node));
                    return top;
                }
                int slot = slotOf(mapping, key.name());
                Node child = last ? value : slot < 0 ? null : mapping.getValue().get(slot).getValueNode();
                if (!last) {
                    if (child == null || YamlReader.isNull(child)) {
                        if (steps.get(i + 1) instanceof Index index) {
                            problems.add(at, path.prefix(i + 1), "not given in the scenario, so it has no item ["
                                    + index.index() + "]; set the whole list instead, e.g. --set "
                                    + path.prefix(i + 1) + "=[...]");
                            return top;
                        }
                        child = new MappingNode(Tag.MAP, true, new ArrayList<>(), FlowStyle.FLOW, mark, mark);
                    } else {
                        child = copy(child);
                    }
                }
                if (slot < 0) {
                    // a key the file lacks: marked as the assignment's, so "unknown key" points at it
                    Node keyNode = new ScalarNode(Tag.STR, true, key.name(), ScalarStyle.PLAIN, mark, mark);
                    mapping.getValue().add(new NodeTuple(keyNode, child));
                } else {
                    mapping.getValue().set(slot, new NodeTuple(mapping.getValue().get(slot).getKeyNode(), child));
                }
                node = child;
            } else {
                int index = ((Index) steps.get(i)).index();
                if (!(node instanceof SequenceNode sequence)) {
                    problems.add(at, prefix, "expected a list to take item [" + index + "] of, got " + YamlReader.describe(node));
                    return top;
                }
                List<Node> items = sequence.getValue();
                if (index >= items.size()) {
                    problems.add(at, path.prefix(i + 1), "no such item: " + prefix + " " + items(items.size()));
                    return top;
                }
                node = last ? value : copy(items.get(index));
                items.set(index, node);
            }
        }
        return top;
    }

    /** Where {@code key} is among the mapping's entries (the first, as the reader reads), or -1. */
    private static int slotOf(MappingNode mapping, String key) {
        List<NodeTuple> entries = mapping.getValue();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A shallow copy of a mapping or list, keeping its marks, so a change made through it does not
     * reach the other places a YAML alias shares the node with. Scalars are replaced, never changed.
     */
    private static Node copy(Node node) {
        if (node instanceof MappingNode m) {
            return new MappingNode(m.getTag(), true, new ArrayList<>(m.getValue()), m.getFlowStyle(),
                    m.getStartMark(), m.getEndMark());
        }
        if (node instanceof SequenceNode s) {
            return new SequenceNode(s.getTag(), true, new ArrayList<>(s.getValue()), s.getFlowStyle(),
                    s.getStartMark(), s.getEndMark());
        }
        return node;
    }

    private static String items(int count) {
        return count == 0 ? "is an empty list"
                : count == 1 ? "has 1 item (index 0)"
                : "has " + count + " items (indices 0 to " + (count - 1) + ")";
    }
}
