package qunzhu.app;

/** Entry point; see {@link Cli}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err, System::getenv).run(args));
    }
}
