package dev.postino.sandbox.cli;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Just enough JSON writing for the reports, so the sandbox needs no JSON library. */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;

    void begin() {
        out.append('{');
        first = true;
    }

    void end() {
        out.append('}');
        first = false;
    }

    void field(String name, Object value) {
        name(name);
        value(value);
    }

    void object(String name, Map<String, String> values) {
        name(name);
        begin();
        values.forEach(this::field);
        end();
    }

    <T> void array(String name, List<T> items, BiConsumer<Json, T> writer) {
        name(name);
        out.append('[');
        boolean firstItem = true;
        for (T item : items) {
            if (!firstItem) {
                out.append(',');
            }
            firstItem = false;
            begin();
            writer.accept(this, item);
            end();
        }
        out.append(']');
        first = false;
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(name);
        out.append(':');
    }

    private void value(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(list.get(i));
            }
            out.append(']');
        } else {
            string(String.valueOf(value));
        }
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
