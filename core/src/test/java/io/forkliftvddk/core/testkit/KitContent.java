package io.forkliftvddk.core.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic bytes for stub binaries, generated in a fixed-size buffer so a 1 GB file never sits in memory.
 * {@link VddkKits.Fill#ELF_LIKE} mixes opcode-like bytes, back references, symbol-name strings, padding and noise so
 * that gzip shrinks it roughly as much as a real shared library (about 2.5:1).
 */
final class KitContent {

    private static final int BUFFER = 64 * 1024;

    /** An ELF64 little-endian x86-64 shared object header (the first 64 bytes of every stub binary). */
    private static final byte[] ELF_HEADER = elfHeader();

    /** Frequent x86-64 opcode and ModRM bytes, repeated by weight: skewed like real code. */
    private static final byte[] CODE_TABLE = codeTable();

    private static final String[] WORDS = {
        "VixDiskLib", "Open", "Close", "Read", "Write", "Connect", "Disconnect", "GetInfo", "FreeInfo", "Vmacore",
        "Vmomi", "Vim", "Task", "Snapshot", "Datastore", "Nfc", "Aio", "Session", "Buffer", "Lock", "Mutex",
        "std", "string", "vector", "allocator", "char_traits", "basic_ostream", "Ref", "Functor", "Object",
        "Exception", "Throw", "Thread", "Pool", "Curl", "Ssl", "Crypto", "Sqlite", "Stmt", "Prepare", "Log",
        "Handle", "Disk", "Transport", "Mode", "Nbd", "Ssl", "Hot", "Add", "San", "Cert", "Thumbprint", "Sso",
        "Lookup", "Types", "Property", "Collector", "Filter", "Spec", "Managed", "Reference", "Mo", "Data"};
    private static final byte[][] WORD_BYTES = wordBytes();

    private KitContent() {
    }

    /** Writes {@code length} bytes of {@code fill}, seeded by {@code seed}; binaries start with an ELF header. */
    static void write(OutputStream out, long length, VddkKits.Fill fill, long seed, boolean elf) throws IOException {
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
        Generator gen = new Generator(fill, seed);
        long written = 0;
        boolean first = true;
        while (written < length) {
            int n = (int) Math.min(buf.length, length - written);
            gen.fill(buf, n);
            if (first && elf) {
                System.arraycopy(ELF_HEADER, 0, buf, 0, Math.min(n, ELF_HEADER.length));
            }
            first = false;
            out.write(buf, 0, n);
            written += n;
        }
    }

    /** Fills buffers segment by segment; a segment may span buffers. */
    private static final class Generator {
        private final VddkKits.Fill fill;
        private final SplittableRandom random;
        private int kind;
        private int segmentLeft;
        private int wordIndex;
        private int wordPos;

        Generator(VddkKits.Fill fill, long seed) {
            this.fill = fill;
            this.random = new SplittableRandom(seed);
        }

        void fill(byte[] buf, int n) {
            switch (fill) {
                case ZEROS -> java.util.Arrays.fill(buf, 0, n, (byte) 0);
                case RANDOM -> randomBytes(buf, 0, n);
                case ELF_LIKE -> elfLike(buf, n);
                default -> throw new IllegalStateException(fill.name());
            }
        }

        private void randomBytes(byte[] buf, int from, int to) {
            int i = from;
            while (i < to) {
                long r = random.nextLong();
                for (int k = 0; k < 8 && i < to; k++, i++) {
                    buf[i] = (byte) r;
                    r >>>= 8;
                }
            }
        }

        private void elfLike(byte[] buf, int n) {
            int pos = 0;
            while (pos < n) {
                if (segmentLeft == 0) {
                    int p = random.nextInt(100);
                    // shares tuned so that gzip -6 gives about 40 % of the input, like real VDDK libraries
                    kind = p < 38 ? 0 : p < 62 ? 1 : p < 82 ? 2 : p < 90 ? 3 : 4;
                    segmentLeft = 256 + random.nextInt(8192);
                }
                int len = Math.min(segmentLeft, n - pos);
                switch (kind) {
                    case 0 -> code(buf, pos, pos + len);
                    case 1 -> backReference(buf, pos, pos + len);
                    case 2 -> strings(buf, pos, pos + len);
                    case 3 -> java.util.Arrays.fill(buf, pos, pos + len, (byte) 0);
                    default -> randomBytes(buf, pos, pos + len);
                }
                pos += len;
                segmentLeft -= len;
            }
        }

        private void code(byte[] buf, int from, int to) {
            int i = from;
            while (i < to) {
                long r = random.nextLong();
                for (int k = 0; k < 8 && i < to; k++, i++) {
                    buf[i] = CODE_TABLE[(int) (r & 0xff)];
                    r >>>= 8;
                }
            }
        }

        /** Copies earlier bytes of the buffer with a few changes: repeated instruction sequences and tables. */
        private void backReference(byte[] buf, int from, int to) {
            if (from < 64) {
                code(buf, from, to);
                return;
            }
            int i = from;
            while (i < to) {
                int distance = 1 + random.nextInt(Math.min(from, 16 * 1024));
                int run = Math.min(to - i, 8 + random.nextInt(120));
                for (int k = 0; k < run; k++, i++) {
                    buf[i] = buf[i - distance];
                }
                if (i < to) {
                    buf[i] = (byte) random.nextInt(256);
                    i++;
                }
            }
        }

        /** Mangled-symbol-like text: words joined, NUL-terminated. */
        private void strings(byte[] buf, int from, int to) {
            int i = from;
            while (i < to) {
                byte[] w = WORD_BYTES[wordIndex];
                if (wordPos < w.length) {
                    buf[i++] = w[wordPos++];
                } else {
                    int r = random.nextInt(16);
                    buf[i++] = r == 0 ? 0 : r < 4 ? (byte) '_' : (byte) ('0' + r % 10);
                    wordIndex = random.nextInt(WORD_BYTES.length);
                    wordPos = 0;
                }
            }
        }
    }

    private static byte[] elfHeader() {
        byte[] h = new byte[64];
        byte[] ident = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(ident, 0, h, 0, ident.length);
        h[16] = 3; // ET_DYN
        h[18] = 0x3e; // EM_X86_64
        h[20] = 1; // EV_CURRENT
        h[52] = 64; // e_ehsize
        h[54] = 56; // e_phentsize
        h[58] = 64; // e_shentsize
        return h;
    }

    private static byte[] codeTable() {
        int[][] weighted = {
            {0x48, 24}, {0x89, 18}, {0x8b, 18}, {0x00, 22}, {0xff, 14}, {0xe8, 10}, {0x0f, 10}, {0x85, 8},
            {0x84, 6}, {0xc3, 4}, {0x41, 10}, {0x24, 8}, {0x44, 8}, {0x4c, 8}, {0x45, 6}, {0xc7, 6}, {0x83, 8},
            {0xe9, 4}, {0x74, 6}, {0x75, 6}, {0xeb, 4}, {0x8d, 8}, {0x31, 4}, {0xc0, 6}, {0x01, 6}, {0x10, 4},
            {0x08, 4}, {0x20, 4}, {0x5d, 3}, {0x55, 3}, {0x53, 3}, {0x5b, 3}};
        byte[] table = new byte[256];
        int i = 0;
        for (int[] w : weighted) {
            for (int k = 0; k < w[1] && i < 256; k++) {
                table[i++] = (byte) w[0];
            }
        }
        for (int v = 0; i < 256; v += 7) {
            table[i++] = (byte) v;
        }
        return table;
    }

    private static byte[][] wordBytes() {
        byte[][] out = new byte[WORDS.length][];
        for (int i = 0; i < WORDS.length; i++) {
            out[i] = WORDS[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
