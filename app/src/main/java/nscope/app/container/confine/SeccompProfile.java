package nscope.app.container.confine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Docker's default seccomp profile (moby/profiles seccomp/default.json, bundled unchanged) evaluated for
 * one container as moby's setupSeccomp and runc's matchCall do, as lines for the confining helper:
 * {@code sc-default ACTION} then {@code sc ACTION NAME [INDEX:OP:VALUE:VALUETWO ...]}.
 */
final class SeccompProfile {
    private static final String RESOURCE = "/nscope/seccomp/default.json";
    private static final Map<String, String> OPS = Map.of(
            "SCMP_CMP_NE",
            "ne",
            "SCMP_CMP_LT",
            "lt",
            "SCMP_CMP_LE",
            "le",
            "SCMP_CMP_EQ",
            "eq",
            "SCMP_CMP_GE",
            "ge",
            "SCMP_CMP_GT",
            "gt",
            "SCMP_CMP_MASKED_EQ",
            "masked_eq");
    /** Seccomp passes six syscall arguments. */
    private static final int MAX_ARGS = 6;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private SeccompProfile() {}

    /** Read once: the profile is in the jar and does not change. */
    private static final class Profile {
        static final JsonNode JSON = load();

        private static JsonNode load() {
            try (InputStream in = SeccompProfile.class.getResourceAsStream(RESOURCE)) {
                if (in == null)
                    throw new IllegalStateException("the seccomp profile " + RESOURCE + " is not in the jar");
                return new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("the seccomp profile " + RESOURCE + " could not be read", e);
            }
        }
    }

    /** Moby's name for the architecture of an os.arch value: amd64 and arm64; others as given. */
    static String arch(String osArch) {
        String a = osArch.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> a;
        };
    }

    /**
     * The profile's lines for a container with {@code caps} (names without CAP_) on native architecture
     * {@code arch} (moby's name, see {@link #arch}) and kernel {@code kernelMajor.kernelMinor}.
     */
    static List<String> lines(Set<String> caps, String arch, int kernelMajor, int kernelMinor) {
        JsonNode profile = Profile.JSON;
        String def = action(profile.path("defaultAction").asText(), profile.get("defaultErrnoRet"));
        Set<String> out = new LinkedHashSet<>();
        out.add("sc-default " + def.replace(':', ' '));
        int[] kernel = {kernelMajor, kernelMinor};
        for (JsonNode call : profile.path("syscalls")) {
            if (!applies(call, caps, arch, kernel)) continue;
            String act = action(call.path("action").asText(), call.get("errnoRet"));
            // runc skips a rule that repeats the default action (libseccomp refuses it)
            if (act.equals(def)) continue;
            List<String> groups = conditions(call.path("args"));
            for (String name : names(call)) {
                for (String conds : groups) out.add("sc " + act + " " + name + conds);
            }
        }
        return List.copyOf(out);
    }

    /** Moby's includes/excludes: capabilities, architecture, minimum kernel. */
    private static boolean applies(JsonNode call, Set<String> caps, String arch, int[] kernel) {
        JsonNode ex = call.path("excludes"), in = call.path("includes");
        if (contains(ex.path("arches"), arch)) return false;
        for (JsonNode c : ex.path("caps")) if (caps.contains(bare(c.asText()))) return false;
        if (ex.hasNonNull("minKernel") && atLeast(kernel, ex.get("minKernel").asText())) return false;
        if (in.path("arches").size() > 0 && !contains(in.path("arches"), arch)) return false;
        for (JsonNode c : in.path("caps")) if (!caps.contains(bare(c.asText()))) return false;
        return !in.hasNonNull("minKernel")
                || atLeast(kernel, in.get("minKernel").asText());
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode v : list) if (v.asText().equals(value)) return true;
        return false;
    }

    private static String bare(String cap) {
        return cap.startsWith("CAP_") ? cap.substring(4) : cap;
    }

    /** Moby compares only "kernel.major" ("4.8"); "" reads as 0.0 there too. */
    private static boolean atLeast(int[] kernel, String min) {
        if (min.isEmpty()) return true;
        String[] p = min.split("\\.");
        if (p.length != 2) throw new IllegalStateException("seccomp profile: bad minKernel \"" + min + "\"");
        int major = Integer.parseInt(p[0]), minor = Integer.parseInt(p[1]);
        return kernel[0] > major || kernel[0] == major && kernel[1] >= minor;
    }

    /** "names", or the older single "name". */
    private static List<String> names(JsonNode call) {
        List<String> out = new ArrayList<>();
        if (call.hasNonNull("name")) out.add(call.get("name").asText());
        for (JsonNode n : call.path("names")) out.add(n.asText());
        return out;
    }

    /** allow, errno:N (EPERM when no errno is given, as runc), kill, trap, log. */
    private static String action(String scmp, JsonNode errnoRet) {
        return switch (scmp) {
            case "SCMP_ACT_ALLOW" -> "allow";
            case "SCMP_ACT_ERRNO" -> "errno:" + (errnoRet == null || errnoRet.isNull() ? 1 : errnoRet.asInt());
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> "kill";
            case "SCMP_ACT_TRAP" -> "trap";
            case "SCMP_ACT_LOG" -> "log";
            default -> throw new IllegalStateException("seccomp profile: action " + scmp + " is not supported");
        };
    }

    /**
     * The condition suffixes, one per rule line: runc ANDs the conditions in one rule when their argument
     * indexes differ, and makes one rule per condition (OR) when an index repeats. No args: one bare line.
     */
    private static List<String> conditions(JsonNode args) {
        if (args.size() == 0) return List.of("");
        List<String> conds = new ArrayList<>();
        Set<Integer> indexes = new HashSet<>();
        boolean repeated = false;
        for (JsonNode a : args) {
            int index = a.path("index").asInt(-1);
            if (index < 0 || index >= MAX_ARGS)
                throw new IllegalStateException("seccomp profile: argument index " + a.path("index") + " out of range");
            String op = OPS.get(a.path("op").asText());
            if (op == null) throw new IllegalStateException("seccomp profile: comparison " + a.path("op") + " unknown");
            repeated |= !indexes.add(index);
            conds.add(" " + index + ":" + op + ":" + unsigned(a.get("value")) + ":" + unsigned(a.get("valueTwo")));
        }
        return repeated ? conds : List.of(String.join("", conds));
    }

    /** A 64-bit unsigned value in decimal; absent is 0. */
    private static String unsigned(JsonNode v) {
        if (v == null || v.isNull()) return "0";
        BigInteger n = v.isIntegralNumber() ? v.bigIntegerValue() : BigInteger.ONE.negate();
        if (n.signum() < 0 || n.compareTo(TWO_64) >= 0)
            throw new IllegalStateException("seccomp profile: " + v + " is not a 64-bit unsigned value");
        return n.toString();
    }
}
