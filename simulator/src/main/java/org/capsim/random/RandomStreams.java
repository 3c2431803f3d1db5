package org.capsim.random;

import java.nio.charset.StandardCharsets;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The named random streams of one replication.
 *
 * <p>Each stream's seed is a fixed hash of (root seed, replication, stream name), so a stream
 * depends on nothing else: two policies run on the same replication draw the same jobs (common
 * random numbers), adding a workload class does not shift the others, and the order in which
 * streams are created or threads run does not matter.
 */
public final class RandomStreams {

    private final long rootSeed;
    private final int replication;

    public RandomStreams(long rootSeed, int replication) {
        this.rootSeed = rootSeed;
        this.replication = replication;
    }

    /** A fresh generator for the named purpose, e.g. {@code arrivals/frontier}. */
    public RandomGenerator stream(String name) {
        return new MersenneTwister(seed(rootSeed, replication, name));
    }

    /** The seed of stream {@code name} in replication {@code replication} (numbered from 1). */
    public static long seed(long rootSeed, int replication, String name) {
        long h = mix(rootSeed);
        h = mix(h + 0x9e3779b97f4a7c15L * (replication + 1L));
        return mix(h ^ fnv1a(name));
    }

    /** SplitMix64's finalizer: a bijective mix with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** 64-bit FNV-1a over the UTF-8 bytes: stable across JVMs, unlike identity hashes. */
    static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
