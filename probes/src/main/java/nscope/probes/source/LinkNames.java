package nscope.probes.source;

import java.io.ByteArrayOutputStream;
import nscope.kernel.Kernel;
import nscope.probes.model.NsKind;
import nscope.probes.model.NsLink;

/**
 * The namespace link names a scan asks for, as C strings (one each, and all
 * back to back for the batch reader), with the namespace type each must name.
 */
record LinkNames(String[] names, byte[][] cNames, NsKind[] kinds, byte[] joined) {
    private static volatile LinkNames last; // a scan asks with one array of names, again and again

    static LinkNames of(String[] nsNames) {
        LinkNames l = last;
        if (l != null && l.names() == nsNames) return l;
        byte[][] c = new byte[nsNames.length][];
        NsKind[] kinds = new NsKind[nsNames.length];
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < nsNames.length; i++) {
            c[i] = Kernel.cPath(nsNames[i]);
            joined.write(c[i], 0, c[i].length);
            for (NsLink k : NsLink.values()) if (k.fileName().equals(nsNames[i])) kinds[i] = k.kind();
        }
        l = new LinkNames(nsNames, c, kinds, joined.toByteArray());
        last = l;
        return l;
    }
}
