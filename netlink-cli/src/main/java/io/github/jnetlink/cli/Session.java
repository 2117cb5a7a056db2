package io.github.jnetlink.cli;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.HeaderFlags;
import io.github.jnetlink.Message;
import io.github.jnetlink.NetlinkArgumentException;
import io.github.jnetlink.NetlinkErrorException;
import io.github.jnetlink.NetlinkTimeoutException;
import io.github.jnetlink.generic.Family;
import io.github.jnetlink.generic.GenericNetlink;
import io.github.jnetlink.ynl.DynamicCodec;
import io.github.jnetlink.ynl.MulticastGroupSpec;
import io.github.jnetlink.ynl.Operation;
import io.github.jnetlink.ynl.Spec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run against the kernel, in {@code cli.py}'s order: subscribe, sleep, list, do or dump, notifications. */
final class Session {

    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;

    private final Spec spec;
    private final Arguments args;
    private final PrintStream out;
    private final ReplyDecoder decoder;
    private final Config config;

    Session(Spec spec, Arguments args, PrintStream out, PrintStream err) {
        this.spec = spec;
        this.args = args;
        this.out = out;
        this.decoder = new ReplyDecoder(spec, args.processUnknown());
        String ns = args.netns();
        this.config = ns == null ? Config.DEFAULT : Config.DEFAULT.withNetns(ns.contains("/") ? ns : "/var/run/netns/" + ns);
    }

    static List<String> modes(Operation op) {
        List<String> m = new ArrayList<>();
        if (op.doMode() != null) {
            m.add("do");
        }
        if (op.dumpMode() != null) {
            m.add("dump");
        }
        if (op.notifies() != null) {
            m.add("notify");
        }
        if (op.eventAttributes() != null) {
            m.add("event");
        }
        return m;
    }

    void run(Map<String, Object> json) {
        Conn notifications = args.subscribe() == null ? null : subscribe(args.subscribe());
        try {
            if (args.sleep() > 0) {
                sleep(args.sleep());
            }
            if (args.listOps()) {
                for (Operation op : spec.operations()) {
                    if (!op.notification() && op.attributeSet() != null) {
                        out.println(op.name() + "  [ " + String.join(", ", modes(op)) + " ]");
                    }
                }
            }
            if (args.listMsgs()) {
                for (Operation op : spec.operations()) {
                    out.println(op.name() + "  [ " + String.join(", ", modes(op)) + " ]");
                }
            }
            if (args.doOp() != null || args.dumpOp() != null) {
                boolean dump = args.dumpOp() != null;
                Operation op = Main.operation(spec, dump ? args.dumpOp() : args.doOp());
                byte[] payload = new RequestEncoder(spec).encode(op, json);
                List<Object> replies = exchange(op, payload, dump);
                Object shown = dump ? replies : replies.isEmpty() ? null : replies.size() == 1 ? replies.get(0) : replies;
                print(shown);
            } else if (!json.isEmpty()) {
                throw new NetlinkArgumentException("--json needs --do or --dump");
            }
            if (notifications != null) {
                print(drain(notifications));
            }
        } finally {
            if (notifications != null) {
                notifications.close();
            }
        }
    }

    private void print(Object v) {
        out.println(Json.write(v, !args.outputJson()));
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Object> exchange(Operation op, byte[] payload, boolean dump) {
        int flags = HeaderFlags.REQUEST | HeaderFlags.ACKNOWLEDGE | (dump ? HeaderFlags.DUMP : args.flags());
        List<Object> replies = new ArrayList<>();
        try (Conn conn = Conn.dial(spec.protonum(), config)) {
            Message request;
            if (spec.genetlink()) {
                Family family = family(new GenericNetlink(conn));
                request = GenericNetlink.request(family, op.requestValue(), spec.version(), flags, payload);
            } else {
                request = Message.of(op.requestValue(), flags, payload);
            }
            for (Message m : conn.execute(request, spec.name() + " " + op.name())) {
                int type = m.header().type();
                if (type == NLMSG_ERROR || type == NLMSG_DONE) {
                    continue;
                }
                if (op.replyValue() != null && command(m) != op.replyValue()) {
                    continue;
                }
                replies.add(decoder.message(op, m.data()));
            }
        }
        return replies;
    }

    private int command(Message m) {
        return spec.genetlink() ? (m.data().length > 0 ? m.data()[0] & 0xFF : -1) : m.header().type();
    }

    private Family family(GenericNetlink gn) {
        try {
            return gn.family(spec.name());
        } catch (NetlinkErrorException e) {
            throw new NetlinkArgumentException("Family '" + spec.name() + "' not supported by the kernel (" + e.getMessage() + ")");
        }
    }

    private Conn subscribe(String group) {
        // a raw family's groups are the spec's: an unknown one fails before any socket is opened
        MulticastGroupSpec raw = spec.genetlink() ? null : spec.multicastGroups().stream()
                .filter(x -> x.name().equals(group)).findFirst()
                .orElseThrow(() -> new NetlinkArgumentException("--subscribe: " + spec.name()
                        + " has no multicast group '" + group + "'; its groups are "
                        + spec.multicastGroups().stream().map(MulticastGroupSpec::name).toList()));
        Conn conn = Conn.dial(spec.protonum(), config);
        try {
            if (raw == null) {
                GenericNetlink gn = new GenericNetlink(conn);
                family(gn);
                gn.joinGroup(spec.name(), group);
            } else {
                conn.joinGroup(raw.value());
            }
            return conn;
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    /** Reads what the group sent until it has been quiet for a moment, as {@code cli.py}'s non-blocking reads do. */
    private List<Object> drain(Conn conn) {
        DynamicCodec codec = new DynamicCodec(spec);
        List<Object> msgs = new ArrayList<>();
        while (true) {
            conn.setReadDeadline(Instant.now().plusMillis(200));
            List<Message> batch;
            try {
                batch = conn.receive();
            } catch (NetlinkTimeoutException e) {
                return msgs;
            }
            for (Message m : batch) {
                int type = m.header().type();
                if (type == NLMSG_ERROR || type == NLMSG_DONE) {
                    continue;
                }
                Operation op = codec.operationOfMessage(command(m)).orElse(null);
                if (op == null) {
                    continue;
                }
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("name", op.name());
                n.put("msg", decoder.message(op, m.data()));
                msgs.add(n);
            }
        }
    }
}
