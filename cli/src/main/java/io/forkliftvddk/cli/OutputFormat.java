package io.forkliftvddk.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code -o text|json}: how a command prints its result on stdout. */
public final class OutputFormat {

    enum Format { text, json }

    @Option(names = {"-o", "--output-format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object with stable field names).")
    Format format = Format.text;

    boolean json() {
        return format == Format.json;
    }

    void print(PrintWriter out, ResultView view) {
        out.println(json() ? Json.write(view.fields()) : view.text());
        out.flush();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
