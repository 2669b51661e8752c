package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks the secrets in use in every line that reaches a log (runtime output, error messages), on the agent too where
 * Jenkins' own masking is not available. Longest secrets first, so a secret containing another is masked whole.
 */
public final class SecretMasker {

    private static final String MASK = "****";
    private final List<String> values;

    public SecretMasker(Collection<Secret> secrets) {
        List<String> v = new ArrayList<>();
        for (Secret s : secrets) {
            if (s != null && !s.isEmpty()) {
                // very short values would mask ordinary words; they still never reach argv or results
                String plain = s.reveal();
                if (plain.length() >= 3) {
                    v.add(plain);
                }
            }
        }
        v.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(v);
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, MASK);
        }
        return out;
    }

    /** A listener that masks before passing lines on. */
    public Listener wrap(Listener delegate) {
        return new Listener() {
            @Override
            public void log(Level level, String message) {
                delegate.log(level, mask(message));
            }

            @Override
            public void progress(String step, long done, long total) {
                delegate.progress(mask(step), done, total);
            }
        };
    }
}
