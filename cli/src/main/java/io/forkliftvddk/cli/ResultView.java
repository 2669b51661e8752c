package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.build.ContractCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A command result as ordered fields (for JSON) and as text. */
record ResultView(Map<String, Object> fields, String text) {

    static ResultView of(BuildResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("references", strings(r.references()));
        f.put("digest", r.digest());
        f.put("pinned", r.pinned() == null ? null : r.pinned().toString());
        f.put("vddkVersion", r.vddkVersion());
        f.put("kitSha256", r.kitSha256());
        f.put("platforms", strings(r.platforms()));
        f.put("layerSize", r.layerSize());
        f.put("totalSize", r.totalSize());
        f.put("unchanged", r.unchanged());
        f.put("previousDigest", r.previousDigest());
        f.put("builder", OutputFormat.lower(r.builder()));
        f.put("output", r.output());
        f.put("warnings", r.warnings());
        f.put("verification", r.verification() == null ? null : check(r.verification()));

        StringBuilder t = new StringBuilder();
        t.append(r.unchanged() ? "Image unchanged (already up to date): " : "Image built: ")
                .append(r.pinned() == null ? r.digest() : r.pinned()).append('\n');
        for (Object ref : r.references()) {
            t.append("  tag ").append(ref).append('\n');
        }
        t.append("Digest:      ").append(r.digest());
        if (r.previousDigest() != null) {
            t.append(" (was ").append(r.previousDigest()).append(')');
        }
        t.append('\n');
        t.append("VDDK:        ").append(r.vddkVersion() == null ? "unknown version" : r.vddkVersion())
                .append(", kit sha256 ").append(r.kitSha256()).append('\n');
        t.append("Platforms:   ").append(String.join(", ", strings(r.platforms()))).append('\n');
        t.append("Size:        kit layer ").append(TerminalListener.bytes(r.layerSize())).append(", image ")
                .append(TerminalListener.bytes(r.totalSize())).append('\n');
        t.append("Builder:     ").append(OutputFormat.lower(r.builder())).append(" -> ").append(r.output());
        if (r.verification() != null) {
            t.append('\n').append(checkText(r.verification()));
        }
        return new ResultView(f, t.toString());
    }

    static ResultView of(ContractCheck c) {
        return new ResultView(check(c), checkText(c));
    }

    private static Map<String, Object> check(ContractCheck c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("image", c.image());
        f.put("passed", c.passed());
        List<Object> checks = new ArrayList<>();
        for (ContractCheck.Item i : c.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", i.name());
            m.put("passed", i.passed());
            m.put("detail", i.detail());
            checks.add(m);
        }
        f.put("checks", List.copyOf(checks));
        return f;
    }

    /** Loops, not streams: this runs once per CLI process, where each lambda costs the JVM a generated class. */
    private static List<String> strings(List<?> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(v.toString());
        }
        return List.copyOf(out);
    }

    private static String checkText(ContractCheck c) {
        StringBuilder t = new StringBuilder("Forklift contract: " + (c.passed() ? "met" : "NOT met") + " (" + c.image() + ")");
        List<ContractCheck.Item> items = c.items();
        for (ContractCheck.Item i : items) {
            t.append("\n  [").append(i.passed() ? "ok" : "FAIL").append("] ").append(i.name()).append(": ").append(i.detail());
        }
        return t.toString();
    }
}
