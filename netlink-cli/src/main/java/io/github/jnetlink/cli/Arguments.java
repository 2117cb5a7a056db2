package io.github.jnetlink.cli;

import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.NetlinkArgumentException;
import java.util.List;

/**
 * The command line, as {@code cli.py} takes it: {@code --spec FILE} or {@code --family NAME}, one of {@code --do OP},
 * {@code --dump OP}, {@code --list-ops}, {@code --list-msgs}, with {@code --json}, {@code --subscribe GROUP}, {@code --sleep N},
 * {@code --output-json}, {@code --create}/{@code --excl}/{@code --replace}/{@code --append}.
 */
record Arguments(String spec, String family, String specDir, boolean noSchema, String json, String doOp, String dumpOp,
                 boolean listOps, boolean listMsgs, String subscribe, int sleep, int flags, boolean outputJson, boolean processUnknown,
                 String netns, boolean help) {

    static final String USAGE = """
            usage: jnetlink (--spec FILE | --family NAME) [--spec-dir DIR] [--no-schema]
                            [--do OP | --dump OP | --list-ops | --list-msgs] [--json '{...}']
                            [--subscribe GROUP] [--sleep N] [--output-json]
                            [--create] [--excl] [--replace] [--append]
                            [--process-unknown | --no-process-unknown] [--netns NAME|PATH]

            A netlink client for any YNL spec; arguments and JSON output follow the kernel's tools/net/ynl/cli.py.
              --spec FILE          the spec to interpret, such as Documentation/netlink/specs/netdev.yaml
              --family NAME        the spec NAME.yaml (rt-link: rt_link.yaml) in the spec directory; without one,
                                   the Linux 6.12 spec of that family built into jnetlink
              --spec-dir DIR       the spec directory: Documentation/netlink (with specs/ and the schemas) or
                                   its specs/; default $JNETLINK_YNL_SPECS, else none
              --no-schema          do not check the spec against the kernel's schemas (the ones beside it, in
                                   Documentation/netlink; cli.py's --schema FILE is accepted and not used)
              --do OP, --dump OP   the operation; --json gives its request attributes by spec name
              --list-ops           the operations and their modes
              --list-msgs          every message, notifications too, and its modes
              --subscribe GROUP    join a multicast group; after --sleep N seconds (and the do or dump), print the
                                   notifications that arrived, as a list of {"name": ..., "msg": ...}
              --output-json        JSON on one line as cli.py prints it (default: indented JSON)
              --process-unknown    keep attributes the spec lacks as "UnknownAttr(N)" (the default);
                                   --no-process-unknown aborts on them as cli.py does
              --netns NAME|PATH    run in a network namespace (ip netns NAME, or a path such as /proc/PID/ns/net)
            """;

    static Arguments parse(List<String> args) {
        String spec = null, family = null, specDir = null, json = null, doOp = null, dumpOp = null, subscribe = null;
        String netns = null;
        boolean noSchema = false, listOps = false, listMsgs = false, outputJson = false, processUnknown = true, help = false;
        int sleep = 0, flags = 0;
        int actions = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--spec" -> spec = value(args, ++i, a);
                case "--family" -> family = value(args, ++i, a);
                case "--spec-dir" -> specDir = value(args, ++i, a);
                case "--schema" -> value(args, ++i, a);
                case "--no-schema" -> noSchema = true;
                case "--json" -> json = value(args, ++i, a);
                case "--do" -> {
                    doOp = value(args, ++i, a);
                    actions++;
                }
                case "--dump" -> {
                    dumpOp = value(args, ++i, a);
                    actions++;
                }
                case "--list-ops" -> {
                    listOps = true;
                    actions++;
                }
                case "--list-msgs" -> {
                    listMsgs = true;
                    actions++;
                }
                case "--subscribe" -> subscribe = value(args, ++i, a);
                case "--sleep" -> {
                    String n = value(args, ++i, a);
                    try {
                        sleep = Integer.parseInt(n);
                    } catch (NumberFormatException e) {
                        throw new NetlinkArgumentException("--sleep: needs whole seconds, got '" + n + "'");
                    }
                    if (sleep < 0) {
                        throw new NetlinkArgumentException("--sleep: needs whole seconds, got '" + n + "'");
                    }
                }
                case "--output-json" -> outputJson = true;
                case "--process-unknown" -> processUnknown = true;
                case "--no-process-unknown" -> processUnknown = false;
                case "--create" -> flags |= HeaderFlags.CREATE;
                case "--excl" -> flags |= HeaderFlags.EXCL;
                case "--replace" -> flags |= HeaderFlags.REPLACE;
                case "--append" -> flags |= HeaderFlags.APPEND;
                case "--netns" -> netns = value(args, ++i, a);
                case "-h", "--help" -> help = true;
                default -> throw new NetlinkArgumentException("unrecognized argument '" + a + "'");
            }
        }
        if (help) {
            return new Arguments(spec, family, specDir, noSchema, json, doOp, dumpOp, listOps, listMsgs, subscribe, sleep, flags,
                    outputJson, processUnknown, netns, true);
        }
        if ((spec == null) == (family == null)) {
            throw new NetlinkArgumentException(spec == null ? "one of --spec FILE or --family NAME is required"
                    : "--spec and --family exclude each other");
        }
        if (actions > 1) {
            throw new NetlinkArgumentException("--do, --dump, --list-ops and --list-msgs exclude each other");
        }
        return new Arguments(spec, family, specDir, noSchema, json, doOp, dumpOp, listOps, listMsgs, subscribe, sleep, flags,
                outputJson, processUnknown, netns, false);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new NetlinkArgumentException(option + ": expected one argument");
        }
        return args.get(i);
    }
}
