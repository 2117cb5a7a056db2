package io.github.jnetlink.test.autoconfigure;

import io.github.jnetlink.Config;
import io.github.jnetlink.Conn;
import io.github.jnetlink.Protocol;
import io.github.jnetlink.autoconfigure.NetlinkDialer;
import io.github.jnetlink.test.FakeKernel;
import io.github.jnetlink.test.FakeRouteKernel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * Dials each protocol's in-memory kernel: {@code route} the {@link FakeRouteKernel} when there is one, a protocol
 * with a {@link FakeKernel} bean that kernel, any other protocol an empty kernel of its own, made at its first dial
 * and closed with the context. The configuration's namespace is ignored, as {@link FakeKernel#dial(Config)} does.
 */
final class FakeKernelDialer implements NetlinkDialer, DisposableBean {

    private final @Nullable FakeRouteKernel route;
    private final Map<Integer, FakeKernel> kernels = new ConcurrentHashMap<>();
    private final Map<Integer, FakeKernel> owned = new ConcurrentHashMap<>();

    FakeKernelDialer(@Nullable FakeRouteKernel route, List<FakeKernel> kernels) {
        this.route = route;
        for (FakeKernel k : kernels) {
            this.kernels.putIfAbsent(k.protocol(), k);
        }
    }

    @Override
    public Conn dial(String connection, int protocol, Config config) {
        if (protocol == Protocol.ROUTE && route != null && !kernels.containsKey(Protocol.ROUTE)) {
            return route.dial(config);
        }
        FakeKernel k = kernels.get(protocol);
        if (k == null) {
            k = owned.computeIfAbsent(protocol, FakeKernel::create);
        }
        return k.dial(config);
    }

    @Override
    public void destroy() {
        owned.values().forEach(FakeKernel::close);
        owned.clear();
    }

    @Override
    public String toString() {
        return "FakeKernelDialer[route=" + route + ", kernels=" + kernels.keySet() + ", own=" + owned.keySet() + "]";
    }
}
