package fips.noise;

import fips.identity.PublicKey;
import fips.identity.SecretKey;
import fips.noise.internal.SymmetricState;

/**
 * The FMP link handshake: Noise IK as FIPS runs it (INTEROP.md 2.3, 2.4a).
 *
 * <p>msg1 (initiator, 106 bytes) = e, es, s, ss, epoch. msg2 (responder, 57
 * bytes) = e, ee, "se", epoch, where the third DH is computed as upstream does
 * it, DH(s_r, E_i) = DH(e_i, S_r) (the same value as es; INTEROP.md 15 D3), not
 * standard Noise's se.
 *
 * <p>Initiator: {@link #writeMessage1}, {@link #readMessage2}, {@link #split}.
 * Responder: {@link #readMessage1}, {@link #writeMessage2}, {@link #split}.
 */
public final class IkHandshake extends NoiseHandshake {

    private IkHandshake(Role role, SecretKey localStatic, PublicKey responderStatic, SecretKey ephemeral, byte[] epoch) {
        super(NoiseConstants.PROTOCOL_IK, role, localStatic, responderStatic, ephemeral, epoch);
    }

    /** An initiator that knows the responder's static key (from its npub or a previous handshake). */
    public static IkHandshake initiator(SecretKey localStatic, PublicKey responderStatic, SecretKey ephemeral, byte[] epoch) {
        return new IkHandshake(Role.INITIATOR, localStatic, responderStatic, ephemeral, epoch);
    }

    public static IkHandshake responder(SecretKey localStatic, SecretKey ephemeral, byte[] epoch) {
        return new IkHandshake(Role.RESPONDER, localStatic, null, ephemeral, epoch);
    }

    @Override
    byte[] protocolName() {
        return NoiseConstants.PROTOCOL_IK;
    }

    @Override
    public boolean isComplete() {
        return step == 2;
    }

    /** INTEROP.md 2.3 msg1. */
    public byte[] writeMessage1() {
        if (role != Role.INITIATOR || step != 0) {
            throw new IllegalStateException("writeMessage1 needs an initiator at step 0: role=" + role + " step=" + step);
        }
        byte[] out = new byte[NoiseConstants.IK_MSG1_BYTES];
        localEphemeral.publicKey().writeCompressed(out, 0);
        ss.mixHash(out, 0, 33);
        traced(ss, "-> e");
        ss.mixKey(localEphemeral.ecdh(remoteStatic));
        traced(ss, "-> es");
        int o = 33;
        o += ss.encryptAndHash(localStatic.publicKey().compressed(), out, o);
        traced(ss, "-> s");
        ss.mixKey(localStatic.ecdh(remoteStatic));
        traced(ss, "-> ss");
        ss.encryptAndHash(localEpoch, out, o);
        traced(ss, "-> epoch");
        step = 1;
        return out;
    }

    /** Reads msg1; on success the initiator's static key and epoch are known. */
    public void readMessage1(byte[] buf, int off, int len) throws HandshakeException {
        expect(Role.RESPONDER, 0, "IK msg1");
        checkLength(len, NoiseConstants.IK_MSG1_BYTES, "IK msg1");
        SymmetricState s = ss.copy();
        PublicKey re = readKey(buf, off, "IK msg1 ephemeral");
        s.mixHash(buf, off, 33);
        traced(s, "-> e");
        s.mixKey(localStatic.ecdh(re));
        traced(s, "-> es");
        byte[] rsBytes = decrypt(s, buf, off + 33, NoiseConstants.ENCRYPTED_STATIC_BYTES, "IK msg1 static");
        traced(s, "-> s");
        PublicKey rs = readKey(rsBytes, 0, "IK msg1 static key");
        s.mixKey(localStatic.ecdh(rs));
        traced(s, "-> ss");
        byte[] epoch = decrypt(s, buf, off + 33 + NoiseConstants.ENCRYPTED_STATIC_BYTES,
                NoiseConstants.ENCRYPTED_EPOCH_BYTES, "IK msg1 epoch");
        traced(s, "-> epoch");
        ss = s;
        remoteEphemeral = re;
        remoteStatic = rs;
        remoteEpoch = epoch;
        step = 1;
    }

    /** INTEROP.md 2.3 msg2. */
    public byte[] writeMessage2() {
        if (role != Role.RESPONDER || step != 1) {
            throw new IllegalStateException("writeMessage2 needs a responder after msg1: role=" + role + " step=" + step);
        }
        byte[] out = new byte[NoiseConstants.IK_MSG2_BYTES];
        localEphemeral.publicKey().writeCompressed(out, 0);
        ss.mixHash(out, 0, 33);
        traced(ss, "<- e");
        ss.mixKey(localEphemeral.ecdh(remoteEphemeral));
        traced(ss, "<- ee");
        // INTEROP.md 15 D3: upstream's "se" is DH(s_r, E_i).
        ss.mixKey(localStatic.ecdh(remoteEphemeral));
        traced(ss, "<- se");
        ss.encryptAndHash(localEpoch, out, 33);
        traced(ss, "<- epoch");
        step = 2;
        return out;
    }

    /** Reads msg2; on success the handshake is complete and the responder's epoch is known. */
    public void readMessage2(byte[] buf, int off, int len) throws HandshakeException {
        expect(Role.INITIATOR, 1, "IK msg2");
        checkLength(len, NoiseConstants.IK_MSG2_BYTES, "IK msg2");
        SymmetricState s = ss.copy();
        PublicKey re = readKey(buf, off, "IK msg2 ephemeral");
        s.mixHash(buf, off, 33);
        traced(s, "<- e");
        s.mixKey(localEphemeral.ecdh(re));
        traced(s, "<- ee");
        // INTEROP.md 15 D3: the initiator side of upstream's "se" is DH(e_i, S_r).
        s.mixKey(localEphemeral.ecdh(remoteStatic));
        traced(s, "<- se");
        byte[] epoch = decrypt(s, buf, off + 33, NoiseConstants.ENCRYPTED_EPOCH_BYTES, "IK msg2 epoch");
        traced(s, "<- epoch");
        ss = s;
        remoteEphemeral = re;
        remoteEpoch = epoch;
        step = 2;
    }
}
