package io.github.jnetlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jnetlink.MalformedMessageException;
import io.github.jnetlink.MessageView;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mirror's route dump through {@link RouteMirrorPipeline} makes exactly the table that adding each route in
 * place makes, in the same order, whether the second thread starts or not, across a restart, and reports a route
 * it cannot decode; its thread never outlives it.
 */
class RouteMirrorPipelineTest {

    private static final String THREAD = RouteMirror.THREAD_NAME + "-decode";

    private static byte[] route(int i, int metric) {
        try {
            return RouteMessage.builder().family(AddressFamily.INET).table(i % 7 == 0 ? 100 : 254).routeType(6)
                    .destination(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}))
                    .destinationLength(32).priority(metric).build().toMessage().marshal();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Routes 0..n-1, then every tenth again with the same key (a replace: last wins, in the first's place). */
    private static List<byte[]> dump(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(route(i, 1));
        }
        for (int i = 0; i < n; i += 10) {
            out.add(route(i, 1));
        }
        return out;
    }

    private static List<Object> inPlace(List<byte[]> messages) {
        RouteMirrorRoutes expected = new RouteMirrorRoutes();
        for (byte[] m : messages) {
            RouteMessage r = RouteMessage.decode(MessageView.wrap(m, 0));
            if (RouteMirrorKeys.keyed(r)) {
                expected.add(r);
            }
        }
        return new ArrayList<>(expected.values());
    }

    private static boolean decodeThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(THREAD) && t.isAlive());
    }

    @ParameterizedTest(name = "{0} routes, second thread after {1}")
    @CsvSource({"0, 100", "10, 100", "100, 100", "101, 100", "20000, 100", "20000, 2048", "3000, 0"})
    void theTableIsWhatAddingInPlaceMakes(int n, int startAfter) {
        List<byte[]> messages = dump(n);
        RouteMirrorRoutes entries = new RouteMirrorRoutes();
        try (RouteMirrorPipeline pipeline = new RouteMirrorPipeline(entries, startAfter)) {
            for (byte[] m : messages) {
                pipeline.accept(MessageView.wrap(m, 0));
            }
            pipeline.finish();
        }
        assertThat(new ArrayList<>(entries.values())).containsExactlyElementsOf(inPlace(messages));
        assertThat(entries.size()).isEqualTo(n);
        assertThat(decodeThreadAlive()).isFalse();
    }

    @ParameterizedTest(name = "restart after {0} of 5000 routes")
    @CsvSource({"50", "4000"})
    void aRestartedDumpLeavesOnlyWhatFollowsTheRestart(int before) {
        List<byte[]> messages = dump(5000);
        RouteMirrorRoutes entries = new RouteMirrorRoutes();
        try (RouteMirrorPipeline pipeline = new RouteMirrorPipeline(entries, 100)) {
            for (int i = 0; i < before; i++) {
                pipeline.accept(MessageView.wrap(route(90_000 + i, 3), 0));
            }
            pipeline.restart();
            for (byte[] m : messages) {
                pipeline.accept(MessageView.wrap(m, 0));
            }
            pipeline.finish();
        }
        assertThat(new ArrayList<>(entries.values())).containsExactlyElementsOf(inPlace(messages));
    }

    @Test
    void aRouteTheSecondThreadCannotDecodeFailsTheDumpAndTheThreadEnds() {
        // an RTA_DST of 3 bytes for AF_INET, after the second thread has started
        ByteBuffer bad = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        bad.putInt(36).putShort((short) 24).putShort((short) 0).putInt(1).putInt(0);
        bad.put(new byte[] {2, 32, 0, 0, (byte) 254, 3, 0, 1}).putInt(0);
        bad.putShort((short) 7).putShort((short) 1).put(new byte[] {10, 0, 0, 0});
        RouteMirrorRoutes entries = new RouteMirrorRoutes();
        RouteMirrorPipeline pipeline = new RouteMirrorPipeline(entries, 10);
        for (byte[] m : dump(50)) {
            pipeline.accept(MessageView.wrap(m, 0));
        }
        pipeline.accept(MessageView.wrap(bad.array(), 0));
        assertThatThrownBy(pipeline::finish).isInstanceOf(MalformedMessageException.class).hasMessageContaining("RTA_DST");
        pipeline.close();
        assertThat(decodeThreadAlive()).isFalse();
    }

    @Test
    void aMessageThatIsNotARouteIsRefusedOnTheReceivingThread() {
        byte[] link = io.github.jnetlink.Message.of(RouteMessageType.RTM_NEWLINK, 0, new byte[16]).marshal();
        try (RouteMirrorPipeline pipeline = new RouteMirrorPipeline(new RouteMirrorRoutes(), 1)) {
            for (byte[] m : dump(5)) {
                pipeline.accept(MessageView.wrap(m, 0));
            }
            assertThatThrownBy(() -> pipeline.accept(MessageView.wrap(link, 0)))
                    .isInstanceOf(MalformedMessageException.class).hasMessageContaining("struct rtmsg");
        }
        assertThat(decodeThreadAlive()).isFalse();
    }

    @Test
    void anAbandonedDumpStopsTheSecondThread() {
        RouteMirrorPipeline pipeline = new RouteMirrorPipeline(new RouteMirrorRoutes(), 10);
        for (byte[] m : dump(20_000)) {
            pipeline.accept(MessageView.wrap(m, 0));
        }
        pipeline.close(); // the receive failed: no finish
        assertThat(decodeThreadAlive()).isFalse();
    }
}
