package io.github.jnetlink.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jnetlink.bpf.Bpf;
import io.github.jnetlink.bpf.BpfChecker;
import io.github.jnetlink.bpf.BpfException;
import io.github.jnetlink.bpf.Instruction;
import io.github.jnetlink.bpf.NetlinkFilters;
import io.github.jnetlink.bpf.RawInstruction;
import io.github.jnetlink.bpf.Vm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classic BPF decoders on arbitrary programs: the input's first two bytes (native order) give the number
 * of 8-byte {@code struct sock_filter}s that follow, as many as there are; the bytes after them are a packet.
 * {@link Bpf#disassemble} either throws {@link BpfException} or returns what assembles back to the same raw
 * program; {@link BpfChecker#check} either throws {@link BpfException} or passes a program that {@link Vm}
 * then runs to a return on the packet, on every prefix of it and on an empty one.
 */
class BpfFuzzTest {

    static Stream<byte[]> seeds() {
        List<byte[]> packets = new ArrayList<>();
        KernelSeeds.allDatagrams().stream().limit(16).forEach(packets::add);
        List<List<RawInstruction>> programs = List.of(
                NetlinkFilters.messageTypes(2, 3, 16, 17),
                NetlinkFilters.messageTypes(20, 21, 24, 25, 28, 29, 30),
                List.of(RawInstruction.statement(0x06, -1)));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            out.add(input(programs.get(i % programs.size()), packets.get(i)));
        }
        return out.stream();
    }

    static byte[] input(List<RawInstruction> program, byte[] packet) {
        ByteBuffer b = ByteBuffer.allocate(2 + program.size() * RawInstruction.SIZE + packet.length).order(ByteOrder.nativeOrder());
        b.putShort((short) program.size());
        for (RawInstruction r : program) {
            b.putShort(r.op()).put(r.jt()).put(r.jf()).putInt(r.k());
        }
        return b.put(packet).array();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void decodeCheckAndRun(byte[] input) {
        if (input.length < 2) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(input).order(ByteOrder.nativeOrder());
        int count = Math.min(b.getShort(0) & 0xFFFF, (input.length - 2) / RawInstruction.SIZE);
        List<RawInstruction> program = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = 2 + i * RawInstruction.SIZE;
            program.add(new RawInstruction(b.getShort(at), b.get(at + 2), b.get(at + 3), b.getInt(at + 4)));
        }
        byte[] packet = Arrays.copyOfRange(input, 2 + count * RawInstruction.SIZE, input.length);

        List<Instruction> instructions = null;
        try {
            instructions = Bpf.disassemble(program);
        } catch (BpfException expected) {
            // an opcode the kernel refuses or a field its opcode does not use
        }
        if (instructions != null) {
            assertThat(Bpf.assemble(instructions)).isEqualTo(program);
        }
        try {
            BpfChecker.check(program);
        } catch (BpfException expected) {
            return;
        }
        Vm vm = new Vm(program);
        vm.run(packet);
        vm.run(new byte[0]);
        for (int n = 0; n < Math.min(packet.length, 64); n++) {
            vm.run(Arrays.copyOf(packet, n));
        }
    }
}
