/** The floor of a Java command: a JVM that starts, runs nothing and exits (app/bench/commands runs it). */
public class Empty {
    public static void main(String[] args) {}
}
