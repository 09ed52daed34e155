package net.voicegslb.gslb.policy.config;

import java.nio.file.Path;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Shared by every module that reads a YAML config (dns-server, pbx-core, probe-agent), so that
 * problems are reported the same way everywhere.
 *
 * <p>A YAML mapping read field by field with its source lines kept, so that every problem can name
 * file, line and field. Problems are collected, not thrown, so one run reports all of them.
 */
public final class YamlSection {

    private final Path file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();
    private final List<ConfigProblem> problems;

    public YamlSection(Path file, String path, Node node, List<ConfigProblem> problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    if (fields.put(k.getValue(), t) != null) {
                        // SnakeYAML checks duplicates only when constructing objects, not when composing.
                        problem(k, field(k.getValue()), "given twice");
                    }
                } else {
                    problem(t.getKeyNode(), path, "keys must be plain names");
                }
            }
        } else if (node != null) {
            problem(node, path, "expected a mapping of names to values");
        }
    }

    public void rejectUnknown(Set<String> known) {
        for (var e : fields.entrySet()) {
            if (!known.contains(e.getKey())) {
                problem(e.getValue().getKeyNode(), field(e.getKey()), "unknown field (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public YamlSection section(String name) {
        NodeTuple t = fields.get(name);
        return new YamlSection(file, field(name), t == null ? null : t.getValueNode(), problems);
    }

    public String string(String name, String fallback) {
        ScalarNode s = scalar(name);
        return s == null ? fallback : s.getValue();
    }

    public int integer(String name, int fallback, int min, int max) {
        ScalarNode s = scalar(name);
        if (s == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(s.getValue().trim());
            if (v < min || v > max) {
                problem(s, field(name), "must be between " + min + " and " + max + ", not " + v);
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(s, field(name), "not a whole number: '" + s.getValue() + "'");
            return fallback;
        }
    }

    /** A decimal number in [min, max]. */
    public double number(String name, double fallback, double min, double max) {
        ScalarNode s = scalar(name);
        if (s == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(s.getValue().trim());
            if (!(v >= min && v <= max)) {
                problem(s, field(name), "must be between " + min + " and " + max + ", not " + s.getValue());
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(s, field(name), "not a number: '" + s.getValue() + "'");
            return fallback;
        }
    }

    /** The field names of this mapping, in file order: for maps keyed by id (sites, nodes). */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(fields.keySet());
    }

    public boolean bool(String name, boolean fallback) {
        ScalarNode s = scalar(name);
        if (s == null) {
            return fallback;
        }
        String v = s.getValue().trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("true") || v.equals("yes") || v.equals("on")) {
            return true;
        }
        if (v.equals("false") || v.equals("no") || v.equals("off")) {
            return false;
        }
        problem(s, field(name), "expected true or false, not '" + s.getValue() + "'");
        return fallback;
    }

    public Duration duration(String name, Duration fallback) {
        ScalarNode s = scalar(name);
        if (s == null) {
            return fallback;
        }
        Duration d = Durations.parse(s.getValue());
        if (d == null) {
            problem(s, field(name), "not a duration (e.g. 500ms, 10s, 2m, 1h, 30d): '" + s.getValue() + "'");
            return fallback;
        }
        return d;
    }

    /** A list of scalars; a single scalar is accepted as a list of one. */
    public <T> List<T> list(String name, Function<String, T> parse, String what) {
        NodeTuple t = fields.get(name);
        List<T> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        List<Node> items = t.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of(t.getValueNode());
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String f = field(name) + "[" + i + "]";
            if (!(item instanceof ScalarNode s)) {
                problem(item, f, "expected " + what);
                continue;
            }
            try {
                out.add(parse.apply(s.getValue()));
            } catch (IllegalArgumentException e) {
                problem(item, f, e.getMessage());
            }
        }
        return out;
    }

    /** The mappings of a list field, each as a section of its own. */
    public List<YamlSection> sections(String name) {
        NodeTuple t = fields.get(name);
        List<YamlSection> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        if (!(t.getValueNode() instanceof SequenceNode seq)) {
            problem(t.getValueNode(), field(name), "expected a list");
            return out;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new YamlSection(file, field(name) + "[" + i + "]", seq.getValue().get(i), problems));
        }
        return out;
    }

    private ScalarNode scalar(String name) {
        NodeTuple t = fields.get(name);
        if (t == null) {
            return null;
        }
        if (t.getValueNode() instanceof ScalarNode s) {
            return s;
        }
        problem(t.getValueNode(), field(name), "expected a single value");
        return null;
    }

    public void require(String name) {
        if (!fields.containsKey(name)) {
            problem(node, field(name), "is required");
        }
    }

    public void problem(String name, String message) {
        NodeTuple t = fields.get(name);
        problem(t == null ? node : t.getValueNode(), field(name), message);
    }

    public int line() {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public Path file() {
        return file;
    }

    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void problem(Node at, String field, String message) {
        problems.add(new ConfigProblem(file, at == null ? 0 : at.getStartMark().getLine() + 1, field, message));
    }

    /**
     * Composes a config file into YAML nodes, keeping their marks for line numbers; every problem
     * (too large, unreadable, empty, YAML syntax with its line) goes to {@code problems}.
     *
     * @return the root node, or null when the file cannot be used
     */
    public static Node compose(Path file, long maxBytes, List<ConfigProblem> problems) {
        try {
            if (Files.size(file) > maxBytes) {
                problems.add(new ConfigProblem(file, 0, null, "larger than " + maxBytes + " bytes"));
                return null;
            }
        } catch (IOException e) {
            problems.add(new ConfigProblem(file, 0, null, "cannot read: " + e.getMessage()));
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node node = new Yaml(options).compose(r);
            if (node == null) {
                problems.add(new ConfigProblem(file, 0, null, "the file is empty"));
            }
            return node;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            problems.add(new ConfigProblem(file, line, null, "YAML: " + e.getProblem()));
        } catch (IOException | RuntimeException e) {
            problems.add(new ConfigProblem(file, 0, null, "cannot read: " + e.getMessage()));
        }
        return null;
    }
}
