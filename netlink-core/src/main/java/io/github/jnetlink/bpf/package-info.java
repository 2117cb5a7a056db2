/**
 * Classic BPF (cBPF) socket filters as the Linux kernel runs them on a socket after {@code SO_ATTACH_FILTER}:
 * an {@link io.github.jnetlink.bpf.Instruction} model, an assembler and disassembler ({@link io.github.jnetlink.bpf.Bpf}),
 * the kernel's load-time checks ({@link io.github.jnetlink.bpf.BpfChecker}), an interpreter with the kernel's
 * run-time semantics ({@link io.github.jnetlink.bpf.Vm}), and ready-made netlink filters
 * ({@link io.github.jnetlink.bpf.NetlinkFilters}).
 *
 * <p>The kernel runs a socket's filter on every datagram queued to it; the filter returns how many bytes to keep,
 * 0 dropping the datagram before it costs the receiver a wake-up or a buffer. Everything here is pure Java and
 * needs no kernel.
 */
package io.github.jnetlink.bpf;
