package io.github.jnetlink.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AliasFor;

/**
 * Marks a method that receives kernel notifications of a netlink connection's multicast groups.
 *
 * <pre>{@code
 * @NetlinkListener(connection = "route", types = {RTM_NEWLINK, RTM_DELLINK})
 * void onLink(LinkMessage link) { ... }
 * }</pre>
 *
 * The method takes exactly one parameter: the {@link NetlinkMessageEvent}, the raw
 * {@link io.github.jnetlink.Message}, or a typed rtnetlink record ({@code LinkMessage},
 * {@code AddressMessage}, {@code RouteMessage}, {@code NeighborMessage}, {@code RuleMessage},
 * {@code NexthopMessage}, {@code FdbEntry} (an {@code AF_BRIDGE} neighbour), {@code NsidMessage},
 * {@code BridgeVlanMessage}, {@code LinkStatsMessage}); a typed parameter also limits the method to messages of
 * that kind. The method runs on the connection's receive thread
 * ({@code netlink-receive-NAME}), in order; an exception or error it throws is logged and counted
 * ({@code netlink.listener.errors}) and never stops delivery to other listeners or the loop. (A plain
 * {@code @EventListener} of {@link NetlinkMessageEvent} that throws is Spring's business: the multicaster
 * skips the listeners after it for that event, and the loop logs the failure.) A method that blocks holds
 * up every listener of that connection: hand long work to an executor.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EventListener
public @interface NetlinkListener {

    /**
     * @return the connection name ({@code netlink.connections.NAME}); empty for every connection
     */
    String connection() default "";

    /**
     * @return the message types to receive, such as {@code RTM_NEWLINK}; empty for all
     */
    int[] types() default {};

    /**
     * @return the multicast groups to receive from, by configured name ({@code link}) or number; empty for all
     */
    String[] groups() default {};

    /**
     * @return a SpEL condition on the argument ({@code #root.args[0]} or the parameter name), as for
     *         {@link EventListener#condition()}
     */
    @AliasFor(annotation = EventListener.class, attribute = "condition")
    String condition() default "";

    /**
     * @return the listener id, used in logs and as the {@code listener} tag of the error meter; defaults
     *         to the method's qualified name
     */
    @AliasFor(annotation = EventListener.class, attribute = "id")
    String id() default "";
}
