package org.capsim.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.capsim.model.Calendar;
import org.capsim.model.GpuType;
import org.capsim.model.Provider;
import org.capsim.model.Site;
import org.capsim.model.SitePower;
import org.capsim.model.Tranche;
import org.capsim.scenario.YamlReader.Mapping;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the fleet (SPEC section 3): {@code gpu-types}, {@code providers} and {@code sites}, each
 * site's build-out through {@link BuildOutReader} and its power through {@link SitePowerReader}. Records the names declared in {@link DeclaredNames}
 * for the sections read later.
 */
final class FleetReader {

    /** The fleet as read: GPU types and providers in file order, the sites that read without a problem. */
    record Fleet(Map<String, GpuType> types, Map<String, Provider> providers, List<Site> sites) {
    }

    private final ScenarioInput input;
    private final YamlReader yaml;
    private final DeclaredNames names;
    private final Calendar calendar;

    /** @param calendar the simulated period, or null when it could not be read */
    FleetReader(ScenarioInput input, DeclaredNames names, Calendar calendar) {
        this.input = input;
        this.yaml = input.yaml();
        this.names = names;
        this.calendar = calendar;
    }

    Fleet read(Mapping root) {
        Map<String, GpuType> types = gpuTypes(root);
        Map<String, Provider> providers = providers(root);
        List<Site> sites = sites(root, types, providers);
        return new Fleet(types, providers, sites);
    }

    private Map<String, GpuType> gpuTypes(Mapping root) {
        Map<String, GpuType> types = new LinkedHashMap<>();
        Mapping all = input.requiredMapping(root, "gpu-types",
                "at least one GPU type is needed, e.g. H100: { peak-tflops: 989, kw-per-gpu: 1.5 }");
        if (all == null) {
            return types;
        }
        names.types().addAll(all.keys());
        for (String typeName : all.keys()) {
            String path = all.path(typeName);
            Node value = all.get(typeName);
            if (!ScenarioInput.NAME.matcher(typeName).matches()) {
                yaml.problem(all.keyNode(typeName), path, "'" + typeName + "' is not a valid GPU type name: "
                        + ScenarioInput.NAME_RULE);
                continue;
            }
            Mapping type = yaml.mapping(value, path);
            if (type == null) {
                continue;
            }
            Double peak = input.required(type, "peak-tflops", n -> input.positive(n, type.path("peak-tflops"), 1e7));
            Double kw = input.optional(type, "kw-per-gpu", Double.NaN, n -> input.positive(n, type.path("kw-per-gpu"), 1e4));
            Double capex = input.optional(type, "capex-usd", Double.NaN, n -> input.positive(n, type.path("capex-usd"), 1e9));
            Double busy = fraction(type, "busy-fraction", GpuType.BUSY_FRACTION);
            Double idle = fraction(type, "idle-fraction", GpuType.IDLE_FRACTION);
            type.rejectUnknownKeys();
            if (peak != null && kw != null && capex != null && busy != null && idle != null) {
                types.put(typeName, new GpuType(typeName, peak, kw, capex, busy, idle));
            }
        }
        return types;
    }

    /** A share of kw-per-gpu in [0, 1], {@code absent} when not given, or null after reporting it. */
    private Double fraction(Mapping type, String key, double absent) {
        Node node = type.get(key);
        return node == null ? Double.valueOf(absent) : yaml.number(node, type.path(key), 0, 1);
    }

    private Map<String, Provider> providers(Mapping root) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        Mapping all = input.requiredMapping(root, "providers", "at least one provider is needed");
        if (all == null) {
            return providers;
        }
        names.providers().addAll(all.keys());
        for (String id : all.keys()) {
            String path = all.path(id);
            Node value = all.get(id);
            if (!ScenarioInput.ID.matcher(id).matches()) {
                yaml.problem(all.keyNode(id), path, "'" + id + "' is not a valid provider id: " + ScenarioInput.ID_RULE);
                continue;
            }
            Mapping provider = yaml.mapping(value, path);
            if (provider == null) {
                continue;
            }
            Node nameNode = provider.get("name");
            String displayName = nameNode == null ? id : yaml.text(nameNode, provider.path("name"));
            Node priceNode = provider.require("price-per-gpu-hour");
            provider.rejectUnknownKeys();
            if (priceNode == null) {
                continue;
            }
            String pricePath = provider.path("price-per-gpu-hour");
            if (priceNode instanceof MappingNode) {
                Mapping prices = yaml.mapping(priceNode, pricePath);
                Map<String, Double> perType = new LinkedHashMap<>();
                for (String typeName : prices.keys()) {
                    Double price = yaml.number(prices.get(typeName), prices.path(typeName), 0, 1e6);
                    if (!names.types().contains(typeName)) {
                        if (!names.types().isEmpty()) {
                            yaml.problem(prices.keyNode(typeName), prices.path(typeName), names.unknownTypeMessage(typeName));
                        }
                    } else if (price != null) {
                        perType.put(typeName, price);
                    }
                }
                if (displayName != null) {
                    providers.put(id, new Provider(id, displayName, perType, Double.NaN));
                }
            } else {
                Double price = yaml.number(priceNode, pricePath, 0, 1e6);
                if (price != null && displayName != null) {
                    providers.put(id, new Provider(id, displayName, Map.of(), price));
                }
            }
        }
        return providers;
    }

    private List<Site> sites(Mapping root, Map<String, GpuType> types, Map<String, Provider> providers) {
        List<Site> sites = new ArrayList<>();
        List<Node> items = input.requiredList(root, "sites", "at least one site is needed");
        if (items == null) {
            return sites;
        }
        BuildOutReader buildOuts = new BuildOutReader(input, names, types);
        SitePowerReader powers = new SitePowerReader(input, calendar);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = YamlReader.index("sites", i);
            Mapping site = yaml.mapping(items.get(i), path);
            if (site == null) {
                continue;
            }
            String id = input.required(site, "id", n -> yaml.name(n, site.path("id"), ScenarioInput.ID, ScenarioInput.ID_RULE));
            if (id != null && ids.putIfAbsent(id, i) != null) {
                yaml.problem(site.get("id"), site.path("id"), "duplicate site id '" + id + "' (also sites[" + ids.get(id) + "])");
            }
            String provider = input.required(site, "provider", n -> yaml.text(n, site.path("provider")));
            if (provider != null) {
                names.siteProviders().add(provider);
            }
            if (provider != null && names.unknownProvider(provider)) {
                yaml.problem(site.get("provider"), site.path("provider"), "unknown provider '" + provider + "'; known: "
                        + String.join(", ", providers.keySet()));
                provider = null;
            }
            List<BuildOutReader.ReadTranche> tranches = buildOuts.read(site);
            SitePower power = powers.read(site);
            site.rejectUnknownKeys();
            buildOuts.check(tranches, providers.get(provider));
            List<Tranche> buildOut = tranches == null ? null : BuildOutReader.inDateOrder(tranches);
            powers.check(site, power, buildOut, types);
            if (id != null && provider != null && buildOut != null && power != null) {
                sites.add(new Site(id, provider, buildOut, power));
            }
        }
        return sites;
    }
}
