package io.dataexporter.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The driver JVM's heap while the bench runs: the most it held right after a garbage collection, what the work kept
 * alive and so what a heap limit must cover. (The most it held at any time says little: garbage included, the
 * collector lets the heap grow as far as the limit allows.)
 */
final class HeapWatch implements AutoCloseable {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong afterGc = new AtomicLong();
    private final AtomicLong stepAfterGc = new AtomicLong();
    private final List<Runnable> removals = new ArrayList<>();

    HeapWatch() {
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo()
                        .getMemoryUsageAfterGc();
                long used = after.entrySet().stream().filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
                afterGc.accumulateAndGet(used, Math::max);
                stepAfterGc.accumulateAndGet(used, Math::max);
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                removals.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
    }

    /** The most heap in use right after a collection since the previous call (or the start), in MB; starts the next step. */
    long stepMb() {
        return stepAfterGc.getAndSet(0) / (1024 * 1024);
    }

    /** The most heap in use right after a collection, in MB. */
    long afterGcMb() {
        return afterGc.get() / (1024 * 1024);
    }

    /** The heap limit (-Xmx), in MB. */
    static long maxMb() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    @Override
    public void close() {
        removals.forEach(Runnable::run);
    }
}
