package nscope.app.container.confine;

import java.util.List;
import java.util.Set;
import nscope.act.ActionException;

/**
 * How a container's processes are confined, runc's and Docker's defaults
 * unless the user asks for less: Docker's 14 capabilities (bounding,
 * permitted and effective sets; nothing inheritable or ambient),
 * no_new_privs, Docker's default seccomp profile evaluated for those
 * capabilities, Docker's masked and read-only /proc and /sys paths, and a
 * user (root unless --user). --privileged keeps every capability the host
 * has and drops the filter and the masks, as docker run --privileged does.
 * The same confinement applies to nscope enter NAME (docker exec's model).
 *
 * @param user "UID:GID" or null for root
 */
public record Confinement(
        Set<String> caps, boolean noNewPrivs, boolean seccomp, boolean privileged, boolean readOnly, String user) {
    /** The devices a container may use (runc's list without its "mknod any device" rules): null, zero, full, random, urandom, tty, pts, ptmx. */
    public static final List<String> DEVICES_ALLOWED = List.of(
            "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm", "c 5:2 rwm", "c 136:* rwm");

    /** Docker's masked paths: made unreadable (a file gets /dev/null over it, a directory an empty tmpfs). */
    public static final List<String> MASKED = List.of(
            "proc/acpi",
            "proc/kcore",
            "proc/keys",
            "proc/latency_stats",
            "proc/timer_list",
            "proc/timer_stats",
            "proc/sched_debug",
            "proc/scsi",
            "sys/firmware",
            "sys/devices/virtual/powercap");

    /** Docker's read-only paths. */
    public static final List<String> READ_ONLY =
            List.of("proc/bus", "proc/fs", "proc/irq", "proc/sys", "proc/sysrq-trigger");

    /** From the command line's words; every refusal before anything is made. */
    public static Confinement of(
            List<String> capAdd,
            List<String> capDrop,
            boolean privileged,
            boolean allowNewPrivileges,
            List<String> securityOpts,
            boolean readOnly,
            String user)
            throws ActionException {
        Set<String> caps = Capabilities.resolve(capAdd, capDrop, privileged);
        boolean seccomp = !privileged;
        for (String o : securityOpts) {
            if (o.equals("seccomp=unconfined")) seccomp = false;
            else if (o.equals("no-new-privileges") || o.equals("no-new-privileges=true")) allowNewPrivileges = false;
            else if (o.equals("no-new-privileges=false")) allowNewPrivileges = true;
            else
                throw new ActionException("--security-opt is seccomp=unconfined or no-new-privileges[=true|false], not "
                        + nscope.act.Names.shown(o));
        }
        if (privileged) caps = Capabilities.ofMask(Capabilities.mask(caps) & hostBounding());
        return new Confinement(caps, !allowNewPrivileges, seccomp, privileged, readOnly, user(user));
    }

    /** UID or UID:GID, numeric (as the image numbers them: no name is looked up in the image's files). */
    public static String user(String user) throws ActionException {
        if (user == null || user.isEmpty()) return null;
        if (!user.matches("[0-9]{1,10}(:[0-9]{1,10})?")
                || Long.parseLong(user.split(":")[0]) > 4294967294L
                || user.contains(":") && Long.parseLong(user.split(":")[1]) > 4294967294L)
            throw new ActionException("--user is a numeric UID or UID:GID (names in the image are not looked up), not "
                    + nscope.act.Names.shown(user));
        return user.contains(":") ? user : user + ":" + user;
    }

    /** What nscope itself may hand out: a privileged container gets no capability the host took from nscope. */
    private static long hostBounding() {
        try {
            return Capabilities.bounding(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status")));
        } catch (java.io.IOException | RuntimeException e) {
            return -1L;
        }
    }

    /** The helper's confinement lines (confine.conf), for this kernel. */
    public InitHelper.Conf conf(int kernelMajor, int kernelMinor) {
        InitHelper.Conf c = new InitHelper.Conf();
        c.add("caps-none", "1");
        for (String cap : caps) c.add("cap", Integer.toString(Capabilities.number(cap)));
        c.add("nnp", noNewPrivs ? "1" : "0");
        if (user != null) c.add("user", user.split(":")[0], user.split(":")[1]);
        if (!privileged) {
            c.addAll("mask", MASKED);
            c.addAll("ro", READ_ONLY);
        }
        if (readOnly) c.add("readonly-root", "1");
        if (privileged) c.add("privileged", "1");
        if (seccomp)
            SeccompProfile.lines(caps, SeccompProfile.arch(System.getProperty("os.arch")), kernelMajor, kernelMinor)
                    .forEach(c::raw);
        return c;
    }

    /** The running kernel's version, major and minor (os.version is uname's release: "6.18.44-..."). */
    public static int[] kernel() {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(System.getProperty("os.version", ""));
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : new int[] {0, 0};
    }

    /** In words, for nscope ps and the audit log. */
    public String summary() {
        if (privileged) return "privileged" + (noNewPrivs ? ", no_new_privs" : "");
        return caps.size() + " capabilities" + (noNewPrivs ? ", no_new_privs" : "")
                + (seccomp ? ", seccomp" : ", no seccomp") + (readOnly ? ", read-only root" : "")
                + (user != null ? ", user " + user : "");
    }
}
