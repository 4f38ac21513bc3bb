package nscope.app.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nscope.act.ActionException;
import nscope.act.Names;
import nscope.act.UnsharePlan;
import nscope.app.container.confine.InitHelper;
import nscope.app.container.image.ContainerImage;
import nscope.app.exec.ChildEnv;
import nscope.app.exec.HostCommand;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.KernelException;
import nscope.kernel.LibC;

/**
 * A container's options checked and turned into values before anything is
 * made: names, limits (garbage and out-of-range refused), the network, the
 * image and its command, the helper and the host tools. A refusal here
 * leaves the host exactly as it was.
 */
record RunPlan(
        ContainerCreate.Options o,
        Path image,
        Long memory,
        Long pids,
        Long cpuQuota,
        ContainerNet.Subnet subnet,
        Path helper,
        List<String> command) {
    static final long MIN_MEMORY = 4L << 20, MAX_PIDS = 4194304;

    static RunPlan check(ContainerCreate.Options o) throws ActionException {
        ContainerCreate.checkName(o.name());
        UnsharePlan.checkHostname(o.hostname());
        for (String ifname : new String[] {o.bridge(), o.vethPrefix()})
            if (!ifname.matches("[A-Za-z0-9_.-]{1,15}"))
                throw new ActionException("an interface name is letters, digits, '_', '.' and '-', at most 15: not "
                        + Names.shown(ifname));
        if (!List.of("none", "loopback", "bridge").contains(o.net()))
            throw new ActionException("--net is none, loopback or bridge, not " + Names.shown(o.net()));
        if (!o.cgroupParent().matches("(/[A-Za-z0-9_.-]+)+"))
            throw new ActionException("the cgroup parent is /NAME[/NAME...], not " + Names.shown(o.cgroupParent()));
        Long memory = o.memory() == null ? null : memory(o.memory());
        Long pids = o.pids() == null ? null : pids(o.pids());
        Long cpu = o.cpu() == null ? null : cpuQuota(o.cpu());
        ContainerNet.Subnet subnet = null;
        if (o.net().equals("bridge")) {
            subnet = ContainerNet.Subnet.parse(o.subnet());
            if (o.ip() != null && !o.ip().isEmpty()) ContainerNet.address(subnet, o.ip(), List.of());
        } else if (o.ip() != null && !o.ip().isEmpty()) {
            throw new ActionException("--ip is for --net bridge");
        }
        List<String> tools = new java.util.ArrayList<>(List.of("ip"));
        if (o.net().equals("bridge")) tools.add("nsenter");
        HostCommand.require(tools, "a container");
        Path helper = InitHelper.binary();
        Path image = ContainerImage.check(o.image());
        List<String> command = o.command().isEmpty() ? List.of("/bin/sh") : o.command();
        if (Files.isDirectory(image)) checkCommand(image, command, o.command().isEmpty());
        return new RunPlan(o, image, memory, pids, cpu, subnet, helper, command);
    }

    /** What is made, in one line for the audit log. */
    String what() {
        return "image " + image + ", command " + String.join(" ", command) + ", "
                + o.confinement().summary() + ", net " + o.net() + (memory == null ? "" : ", memory " + memory)
                + (pids == null ? "" : ", pids " + pids) + (cpuQuota == null ? "" : ", cpu quota " + cpuQuota);
    }

    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(?:i?b)?");

    /** 32M, 1g, 512k, 1.5G, 1048576 (bytes): at least 4 MiB. */
    static long memory(String text) throws ActionException {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        String bad = "--memory is a size like 32M, 512k or 1G (at least 4M), not " + Names.shown(text);
        if (!m.matches()) throw new ActionException(bad);
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        double v = Double.parseDouble(m.group(1)) * (1L << shift);
        if (!(v >= MIN_MEMORY) || v > (double) (1L << 62)) throw new ActionException(bad);
        return (long) v;
    }

    /** 1 to 4194304 (the kernel's most PIDs). */
    static long pids(String text) throws ActionException {
        String bad = "--pids is a whole number from 1 to " + MAX_PIDS + " (processes and threads at once), not "
                + Names.shown(text);
        if (!text.strip().matches("[0-9]{1,7}")) throw new ActionException(bad);
        long n = Long.parseLong(text.strip());
        if (n < 1 || n > MAX_PIDS) throw new ActionException(bad);
        return n;
    }

    /** --cpu 0.5: half a CPU, a quota of 50000 µs per 100000 µs period. */
    static long cpuQuota(String cpus) throws ActionException {
        double c;
        try {
            c = Double.parseDouble(cpus.strip());
        } catch (NumberFormatException e) {
            throw new ActionException("--cpu is a number of CPUs (0.5, 2): not " + Names.shown(cpus));
        }
        if (!(c >= 0.01 && c <= 1024))
            throw new ActionException("--cpu is from 0.01 to 1024 CPUs: not " + Names.shown(cpus));
        return Math.round(c * 100000);
    }

    /**
     * The command is in the image: an absolute path, or a name in the PATH
     * the container gets, each looked up inside the image's root (its links
     * resolved there, never on the host). Only a check for a clear early
     * message: nothing of the image is run or trusted here.
     */
    static void checkCommand(Path lower, List<String> command, boolean defaulted) throws ActionException {
        String c = command.get(0);
        Kernel k;
        try {
            k = Kernel.shared();
        } catch (KernelException e) {
            return; // the helper's exec says it then
        }
        try (Fd root = k.open(lower.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY)) {
            if (c.contains("/")) {
                if (found(k, root, c.startsWith("/") ? c : "/" + c)) return;
                throw new ActionException(
                        defaulted
                                ? "the image has no /bin/sh: give a command"
                                : "command not found in the image: " + Names.shown(c));
            }
            for (String d : ChildEnv.PATH.split(":")) if (found(k, root, d + "/" + c)) return;
            throw new ActionException(
                    "command not found in the image: " + Names.shown(c) + " (looked in " + ChildEnv.PATH + ")");
        } catch (KernelException e) {
            throw new ActionException("cannot open the image " + lower + ": " + e.getMessage());
        }
    }

    private static boolean found(Kernel k, Fd root, String path) {
        try (Fd f = k.openInRoot(root, path)) {
            return true;
        } catch (KernelException e) {
            return false;
        }
    }
}
