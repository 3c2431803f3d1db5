package org.capsim.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.model.GpuType;
import org.capsim.model.Provider;
import org.capsim.model.Tranche;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a site's {@code build-out} (SPEC section 3): its tranches, each an amount of one GPU type
 * on a date, and the checks that span a pool's tranches (date order, retirements covered, a price
 * for the type, size limits).
 */
final class BuildOutReader {

    /** A tranche as read, with where it was, for the checks that span tranches. */
    record ReadTranche(Tranche tranche, Node node, String path) {
    }

    private final ScenarioInput input;
    private final YamlReader yaml;
    private final DeclaredNames names;
    private final Map<String, GpuType> types;

    BuildOutReader(ScenarioInput input, DeclaredNames names, Map<String, GpuType> types) {
        this.input = input;
        this.yaml = input.yaml();
        this.names = names;
        this.types = types;
    }

    /** The tranches in date order, a retirement after an addition on the same date. */
    static List<Tranche> inDateOrder(List<ReadTranche> tranches) {
        List<Tranche> ordered = new ArrayList<>(tranches.stream().map(ReadTranche::tranche).toList());
        ordered.sort(Comparator.comparing(Tranche::date).thenComparing(Tranche::retire));
        return ordered;
    }

    /** The site's tranches, or null when the build-out or any tranche had a problem (reported). */
    List<ReadTranche> read(Mapping site) {
        List<Node> items = input.requiredList(site, "build-out",
                "a site needs at least one tranche, e.g. - { date: 2025-01-01, gpu-type: H100, gpus: 1000 }");
        if (items == null || items.isEmpty()) {
            return null;
        }
        String path = site.path("build-out");
        List<ReadTranche> tranches = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < items.size(); i++) {
            ReadTranche tranche = tranche(items.get(i), YamlReader.index(path, i));
            if (tranche == null) {
                complete = false;
            } else {
                tranches.add(tranche);
            }
        }
        return complete ? tranches : null;
    }

    private ReadTranche tranche(Node node, String path) {
        Mapping t = yaml.mapping(node, path);
        if (t == null) {
            return null;
        }
        LocalDate date = input.required(t, "date", n -> yaml.date(n, t.path("date")));
        String typeName = input.required(t, "gpu-type", n -> yaml.text(n, t.path("gpu-type")));
        GpuType type = typeName == null ? null : types.get(typeName);
        if (typeName != null && names.unknownType(typeName)) {
            yaml.problem(t.get("gpu-type"), t.path("gpu-type"), names.unknownTypeMessage(typeName));
        }
        DeliveryRisk risk = DeliveryRisk.read(input, t);
        if (t.has("retire-gpus")) {
            for (String key : List.of(DeliveryRisk.DELAY, DeliveryRisk.CANCEL)) {
                if (t.has(key)) {
                    yaml.problem(t.keyNode(key), t.path(key), key + " applies to tranches that add GPUs; a retirement"
                            + " happens on its date");
                }
            }
        }
        List<String> amounts = List.of("gpus", "megawatts", "capex-usd", "retire-gpus");
        List<String> given = amounts.stream().filter(t::has).toList();
        amounts.forEach(t::get);
        t.rejectUnknownKeys();
        if (given.size() != 1) {
            yaml.problem(given.size() > 1 ? t.keyNode(given.get(1)) : node, path, given.isEmpty()
                    ? "a tranche needs one of: gpus, megawatts, capex-usd, retire-gpus"
                    : "give only one of gpus, megawatts, capex-usd, retire-gpus (found " + String.join(", ", given) + ")");
            return null;
        }
        String key = given.get(0);
        Long gpus = gpus(key, t.get(key), t.path(key), typeName, type);
        if (date == null || type == null || gpus == null || risk == null) {
            return null;
        }
        return new ReadTranche(new Tranche(date, typeName, gpus.intValue(), key.equals("retire-gpus"), risk.delayDays(),
                risk.cancelProbability()), node, path);
    }

    /** The GPUs of a tranche's amount under {@code key}: a count, or megawatts or dollars turned into GPUs. */
    private Long gpus(String key, Node amountNode, String amountPath, String typeName, GpuType type) {
        switch (key) {
            case "gpus" -> {
                return yaml.integer(amountNode, amountPath, 0, ScenarioInput.MAX_TRANCHE_GPUS);
            }
            case "retire-gpus" -> {
                return yaml.integer(amountNode, amountPath, 1, ScenarioInput.MAX_TRANCHE_GPUS);
            }
            case "megawatts" -> {
                Double megawatts = yaml.number(amountNode, amountPath, 0, 1e6);
                if (megawatts != null && type != null) {
                    if (Double.isNaN(type.kwPerGpu())) {
                        yaml.problem(amountNode, amountPath, "GPU type '" + typeName
                                + "' has no kw-per-gpu, needed to turn megawatts into GPUs");
                    } else {
                        return converted(Math.floor(megawatts * 1000.0 / type.kwPerGpu() + 1e-9), amountNode, amountPath);
                    }
                }
                return null;
            }
            default -> {
                Double capex = yaml.number(amountNode, amountPath, 0, 1e15);
                if (capex != null && type != null) {
                    if (!type.hasCapex()) {
                        yaml.problem(amountNode, amountPath, "GPU type '" + typeName
                                + "' has no capex-usd, needed to turn dollars into GPUs");
                    } else {
                        return converted(Math.floor(capex / type.capexUsd() + 1e-9), amountNode, amountPath);
                    }
                }
                return null;
            }
        }
    }

    private Long converted(double gpus, Node node, String path) {
        if (gpus > ScenarioInput.MAX_TRANCHE_GPUS) {
            yaml.problem(node, path, "comes to " + (long) gpus + " GPUs; one tranche may bring at most "
                    + ScenarioInput.MAX_TRANCHE_GPUS);
            return null;
        }
        return (long) gpus;
    }

    /** Per pool: dates in order, retirements covered, a price for the type, sizes within limits. */
    void check(List<ReadTranche> tranches, Provider provider) {
        if (tranches == null) {
            return;
        }
        Map<String, List<ReadTranche>> byType = new LinkedHashMap<>();
        for (ReadTranche t : tranches) {
            byType.computeIfAbsent(t.tranche().gpuType(), k -> new ArrayList<>()).add(t);
        }
        for (var entry : byType.entrySet()) {
            List<ReadTranche> pool = entry.getValue();
            for (int i = 1; i < pool.size(); i++) {
                LocalDate previous = pool.get(i - 1).tranche().date();
                LocalDate date = pool.get(i).tranche().date();
                if (date.isBefore(previous)) {
                    ReadTranche t = pool.get(i);
                    yaml.problem(t.node(), t.path() + ".date", "dates out of order: " + date + " comes after " + previous
                            + " for " + entry.getKey() + " at this site; list each GPU type's tranches in date order");
                }
            }
            List<ReadTranche> ordered = new ArrayList<>(pool);
            ordered.sort(Comparator.comparing((ReadTranche t) -> t.tranche().date()).thenComparing(t -> t.tranche().retire()));
            long level = 0;
            for (ReadTranche t : ordered) {
                if (t.tranche().retire()) {
                    if (t.tranche().gpus() > level) {
                        yaml.problem(t.node(), t.path() + ".retire-gpus", "retires " + t.tranche().gpus()
                                + " GPUs but the pool will have only " + level + " " + entry.getKey() + " by "
                                + t.tranche().date());
                    }
                    level -= t.tranche().gpus();
                } else {
                    level += t.tranche().gpus();
                    if (level > ScenarioInput.MAX_POOL_GPUS) {
                        yaml.problem(t.node(), t.path(), "the pool would exceed " + ScenarioInput.MAX_POOL_GPUS + " GPUs");
                        break;
                    }
                }
            }
            if (provider != null && Double.isNaN(provider.pricePerGpuHour(entry.getKey()))) {
                ReadTranche first = pool.get(0);
                yaml.problem(first.node(), first.path() + ".gpu-type", "provider '" + provider.id()
                        + "' has no price for GPU type '" + entry.getKey() + "'; add it to providers."
                        + provider.id() + ".price-per-gpu-hour");
            }
        }
    }
}
