package fips.noise;

import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.noise.internal.SymmetricState;

/**
 * The FSP session handshake: Noise XK as FIPS runs it (INTEROP.md 2.4, 2.4a).
 *
 * <p>msg1 (33 bytes) = e, es with no payload and no tag (INTEROP.md 15 D4);
 * msg2 (57) = e, ee, epoch; msg3 (73) = s (nonce 1 under the ee key), se,
 * epoch. The initiator is the SessionSetup sender.
 *
 * <p>Initiator: {@link #writeMessage1}, {@link #readMessage2}, {@link #writeMessage3}.
 * Responder: {@link #readMessage1}, {@link #writeMessage2}, {@link #readMessage3}.
 */
public final class XkHandshake extends NoiseHandshake {

    private XkHandshake(Role role, SecretKey localStatic, PublicKey responderStatic, SecretKey ephemeral, byte[] epoch) {
        super(NoiseConstants.PROTOCOL_XK, role, localStatic, responderStatic, ephemeral, epoch);
    }

    public static XkHandshake initiator(SecretKey localStatic, PublicKey responderStatic, SecretKey ephemeral, byte[] epoch) {
        return new XkHandshake(Role.INITIATOR, localStatic, responderStatic, ephemeral, epoch);
    }

    public static XkHandshake responder(SecretKey localStatic, SecretKey ephemeral, byte[] epoch) {
        return new XkHandshake(Role.RESPONDER, localStatic, null, ephemeral, epoch);
    }

    @Override
    byte[] protocolName() {
        return NoiseConstants.PROTOCOL_XK;
    }

    @Override
    public boolean isComplete() {
        return step == 3;
    }

    public byte[] writeMessage1() {
        if (role != Role.INITIATOR || step != 0) {
            throw new IllegalStateException("writeMessage1 needs an initiator at step 0: role=" + role + " step=" + step);
        }
        byte[] out = new byte[NoiseConstants.XK_MSG1_BYTES];
        localEphemeral.publicKey().writeCompressed(out, 0);
        ss.mixHash(out, 0, 33);
        traced(ss, "-> e");
        ss.mixKey(localEphemeral.ecdh(remoteStatic));
        traced(ss, "-> es");
        step = 1;
        return out;
    }

    public void readMessage1(byte[] buf, int off, int len) throws HandshakeException {
        expect(Role.RESPONDER, 0, "XK msg1");
        checkLength(len, NoiseConstants.XK_MSG1_BYTES, "XK msg1");
        PublicKey re = readKey(buf, off, "XK msg1 ephemeral");
        SymmetricState s = ss.copy();
        s.mixHash(buf, off, 33);
        traced(s, "-> e");
        s.mixKey(localStatic.ecdh(re));
        traced(s, "-> es");
        ss = s;
        remoteEphemeral = re;
        step = 1;
    }

    public byte[] writeMessage2() {
        if (role != Role.RESPONDER || step != 1) {
            throw new IllegalStateException("writeMessage2 needs a responder after msg1: role=" + role + " step=" + step);
        }
        byte[] out = new byte[NoiseConstants.XK_MSG2_BYTES];
        localEphemeral.publicKey().writeCompressed(out, 0);
        ss.mixHash(out, 0, 33);
        traced(ss, "<- e");
        ss.mixKey(localEphemeral.ecdh(remoteEphemeral));
        traced(ss, "<- ee");
        ss.encryptAndHash(localEpoch, out, 33);
        traced(ss, "<- epoch");
        step = 2;
        return out;
    }

    /** Reads msg2; a rejected (e.g. forged) msg2 leaves the initiator waiting, INTEROP.md 2.6. */
    public void readMessage2(byte[] buf, int off, int len) throws HandshakeException {
        expect(Role.INITIATOR, 1, "XK msg2");
        checkLength(len, NoiseConstants.XK_MSG2_BYTES, "XK msg2");
        PublicKey re = readKey(buf, off, "XK msg2 ephemeral");
        SymmetricState s = ss.copy();
        s.mixHash(buf, off, 33);
        traced(s, "<- e");
        s.mixKey(localEphemeral.ecdh(re));
        traced(s, "<- ee");
        byte[] epoch = decrypt(s, buf, off + 33, NoiseConstants.ENCRYPTED_EPOCH_BYTES, "XK msg2 epoch");
        traced(s, "<- epoch");
        ss = s;
        remoteEphemeral = re;
        remoteEpoch = epoch;
        step = 2;
    }

    public byte[] writeMessage3() {
        if (role != Role.INITIATOR || step != 2) {
            throw new IllegalStateException("writeMessage3 needs an initiator after msg2: role=" + role + " step=" + step);
        }
        byte[] out = new byte[NoiseConstants.XK_MSG3_BYTES];
        int o = ss.encryptAndHash(localStatic.publicKey().compressed(), out, 0); // nonce 1 under the ee key
        traced(ss, "-> s");
        ss.mixKey(localStatic.ecdh(remoteEphemeral));
        traced(ss, "-> se");
        ss.encryptAndHash(localEpoch, out, o);
        traced(ss, "-> epoch");
        step = 3;
        return out;
    }

    /** Reads msg3; on success the initiator's static key and epoch are known and the handshake is complete. */
    public void readMessage3(byte[] buf, int off, int len) throws HandshakeException {
        expect(Role.RESPONDER, 2, "XK msg3");
        checkLength(len, NoiseConstants.XK_MSG3_BYTES, "XK msg3");
        SymmetricState s = ss.copy();
        byte[] rsBytes = decrypt(s, buf, off, NoiseConstants.ENCRYPTED_STATIC_BYTES, "XK msg3 static");
        traced(s, "-> s");
        PublicKey rs = readKey(rsBytes, 0, "XK msg3 static key");
        s.mixKey(localEphemeral.ecdh(rs));
        traced(s, "-> se");
        byte[] epoch = decrypt(s, buf, off + NoiseConstants.ENCRYPTED_STATIC_BYTES,
                NoiseConstants.ENCRYPTED_EPOCH_BYTES, "XK msg3 epoch");
        traced(s, "-> epoch");
        ss = s;
        remoteStatic = rs;
        remoteEpoch = epoch;
        step = 3;
    }
}
