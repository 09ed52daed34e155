package net.voicegslb.gslb.deploy.it.gslb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab file from {@code src/test/resources/it/gslb} with {@code ${name}} placeholders for what is
 * only known at run time (free ports, paths). A placeholder left without a value is an error, so a
 * renamed key cannot silently produce a config that means something else.
 */
final class ConfigTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9_]+)}");

    private final String name;
    private final String text;

    private ConfigTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    static ConfigTemplate load(String name) {
        try (InputStream in = ConfigTemplate.class.getResourceAsStream("/it/gslb/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource it/gslb/" + name + " is missing");
            }
            return new ConfigTemplate(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String render(Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(name + ": no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    Path writeTo(Path file, Map<String, ?> values) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, render(values), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
