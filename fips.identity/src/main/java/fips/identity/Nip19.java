package fips.identity;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * NIP-19 bech32 encoding of 32-byte keys: {@code npub} (x-only public key) and
 * {@code nsec} (secret scalar).
 *
 * <p>INTEROP.md 1.2: the encoder uses the Bech32 (BIP-173) checksum; the decoder
 * accepts Bech32 or Bech32m, requires the exact HRP (case-insensitive, as an
 * all-upper-case string is valid bech32) and exactly 32 data bytes; an npub must
 * be a valid x-only point and an nsec a valid scalar.
 */
public final class Nip19 {
    public static final String NPUB = "npub";
    public static final String NSEC = "nsec";

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32_CONST = 1;
    private static final int BECH32M_CONST = 0x2bc830a3;
    /** BIP-173 length limit. */
    private static final int MAX_LENGTH = 90;

    private Nip19() {}

    public static String encodeNpub(byte[] xOnly32) {
        return encode(NPUB, check32(xOnly32, "npub payload"));
    }

    public static String encodeNsec(byte[] secret32) {
        return encode(NSEC, check32(secret32, "nsec payload"));
    }

    /** Decodes an npub to its 32-byte x-only key, checking it is a point on the curve. */
    public static byte[] decodeNpub(String npub) {
        byte[] x = decode(NPUB, npub);
        if (fips.identity.internal.Curve.liftX(x) == null) {
            throw new KeyFormatException("npub does not encode a valid secp256k1 x-only key: " + npub);
        }
        return x;
    }

    /** Decodes an nsec to its 32-byte scalar, checking it is in 1..n-1. */
    public static byte[] decodeNsec(String nsec) {
        byte[] d = decode(NSEC, nsec);
        java.math.BigInteger v = new java.math.BigInteger(1, d);
        if (v.signum() == 0 || v.compareTo(fips.identity.internal.Curve.N) >= 0) {
            throw new KeyFormatException("nsec does not encode a valid secp256k1 secret key (must be 1..n-1)");
        }
        return d;
    }

    private static byte[] check32(byte[] b, String what) {
        if (b == null || b.length != 32) {
            throw new IllegalArgumentException(what + " must be 32 bytes, got " + (b == null ? "null" : b.length));
        }
        return b;
    }

    static String encode(String hrp, byte[] data) {
        byte[] five = convertBits(data, 8, 5, true);
        byte[] checksum = checksum(hrp, five, BECH32_CONST);
        StringBuilder sb = new StringBuilder(hrp.length() + 1 + five.length + 6);
        sb.append(hrp).append('1');
        for (byte b : five) sb.append(CHARSET.charAt(b));
        for (byte b : checksum) sb.append(CHARSET.charAt(b));
        return sb.toString();
    }

    /** Decodes a bech32/bech32m string whose HRP must be {@code expectedHrp}; returns the 8-bit payload (32 bytes). */
    static byte[] decode(String expectedHrp, String s) {
        String what = expectedHrp;
        if (s == null || s.isEmpty()) {
            throw new KeyFormatException(what + " is empty");
        }
        if (s.length() > MAX_LENGTH) {
            throw new KeyFormatException(what + " is too long (" + s.length() + " characters, bech32 allows " + MAX_LENGTH + ")");
        }
        boolean lower = false, upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new KeyFormatException(what + " has an invalid character at index " + i);
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new KeyFormatException(what + " mixes upper and lower case" + echo(expectedHrp, s));
        }
        String str = s.toLowerCase(Locale.ROOT);
        int sep = str.lastIndexOf('1');
        if (sep < 1 || sep + 7 > str.length()) {
            throw new KeyFormatException(what + " is not bech32 (missing '1' separator or checksum)" + echo(expectedHrp, s));
        }
        String hrp = str.substring(0, sep);
        if (!hrp.equals(expectedHrp)) {
            throw new KeyFormatException("expected a bech32 string with prefix '" + expectedHrp + "1', got prefix '" + hrp + "1'");
        }
        byte[] values = new byte[str.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(str.charAt(sep + 1 + i));
            if (v < 0) {
                throw new KeyFormatException(what + " has a character that is not in the bech32 alphabet at index "
                        + (sep + 1 + i) + ": '" + s.charAt(sep + 1 + i) + "'");
            }
            values[i] = (byte) v;
        }
        int poly = polymod(hrp, values);
        if (poly != BECH32_CONST && poly != BECH32M_CONST) {
            throw new KeyFormatException(what + " has a bad checksum" + echo(expectedHrp, s));
        }
        byte[] five = java.util.Arrays.copyOf(values, values.length - 6);
        byte[] data;
        try {
            data = convertBits(five, 5, 8, false);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(what + " has invalid padding: " + e.getMessage());
        }
        if (data.length != 32) {
            throw new KeyFormatException(what + " must carry 32 bytes, got " + data.length);
        }
        return data;
    }

    /** The input for an error message; anything that may be an nsec is secret and never echoed. */
    private static String echo(String expectedHrp, String s) {
        boolean secret = NSEC.equals(expectedHrp) || s.regionMatches(true, 0, NSEC, 0, NSEC.length());
        return secret ? "" : ": " + s;
    }

    private static int polymod(String hrp, byte[] values) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) chk = step(chk, hrp.charAt(i) >> 5);
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) chk = step(chk, hrp.charAt(i) & 31);
        for (byte v : values) chk = step(chk, v);
        return chk;
    }

    private static int step(int chk, int v) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        if ((top & 1) != 0) chk ^= 0x3b6a57b2;
        if ((top & 2) != 0) chk ^= 0x26508e6d;
        if ((top & 4) != 0) chk ^= 0x1ea119fa;
        if ((top & 8) != 0) chk ^= 0x3d4233dd;
        if ((top & 16) != 0) chk ^= 0x2a1462b3;
        return chk;
    }

    private static byte[] checksum(String hrp, byte[] five, int constant) {
        byte[] values = java.util.Arrays.copyOf(five, five.length + 6);
        int poly = polymod(hrp, values) ^ constant;
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) out[i] = (byte) ((poly >>> (5 * (5 - i))) & 31);
        return out;
    }

    private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0, bits = 0, maxv = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
        for (byte b : in) {
            int v = b & 0xff;
            if ((v >>> from) != 0) throw new IllegalArgumentException("value out of range: " + v);
            acc = (acc << from) | v;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) out.write((acc << (to - bits)) & maxv);
        } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
            throw new IllegalArgumentException("non-zero padding bits");
        }
        return out.toByteArray();
    }
}
