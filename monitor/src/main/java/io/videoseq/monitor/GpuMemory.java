package io.videoseq.monitor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * GPU memory of a CUDA backend, summed over the visible devices, in GB of 2^30 bytes (as {@code / 1024**3}).
 *
 * @param allocatedGb    bytes ND4J has allocated on the devices (arrays and workspaces), the counterpart
 *                       of {@code torch.cuda.memory_allocated()}
 * @param reservedGb     device memory in use as the driver reports it (total − free): ND4J's allocations,
 *                       its caches, the CUDA context and other processes — an upper bound of
 *                       {@code torch.cuda.memory_reserved()}
 * @param maxAllocatedGb largest {@code allocatedGb} this process has observed since its monitor was
 *                       created (sampled peak, unlike PyTorch's exact allocator peak)
 */
@JsonPropertyOrder({"allocated_gb", "reserved_gb", "max_allocated_gb"})
public record GpuMemory(@JsonProperty("allocated_gb") double allocatedGb,
                        @JsonProperty("reserved_gb") double reservedGb,
                        @JsonProperty("max_allocated_gb") double maxAllocatedGb) {

    @JsonCreator
    public GpuMemory {
        Checks.nonNegative("gpu.allocated_gb", allocatedGb);
        Checks.nonNegative("gpu.reserved_gb", reservedGb);
        Checks.nonNegative("gpu.max_allocated_gb", maxAllocatedGb);
    }
}
