package io.auditgap.scan;

import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckDefinition;
import io.auditgap.checks.CheckEvaluator;
import io.auditgap.checks.Finding;
import io.auditgap.checks.MatcherRegistry;
import io.auditgap.checks.ParamOverrides;
import io.auditgap.checks.Severity;
import io.auditgap.checks.matchers.exposure.NetworkProbeMatcher;
import io.auditgap.checks.matchers.exposure.PublicSourceAuth;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotStore;
import io.auditgap.facts.Facts;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.probe.ProbeOptions;
import io.auditgap.probe.ProbeReport;
import io.auditgap.review.ExitGate;
import io.auditgap.review.ReviewPlan;
import io.auditgap.transport.LocalTransport;
import io.auditgap.transport.SshOptions;
import io.auditgap.transport.SshTransport;
import io.auditgap.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What auditgap does, whatever the command line: scan hosts (collect, evaluate, probe exposure),
 * probe exposure only, evaluate saved snapshots, join shards — then review the result against
 * waivers and a baseline, and say what it means for a pipeline. The CLI turns options into a
 * request, calls one method and writes the result.
 */
public final class Assessment {
  private final CheckCatalog catalog;
  private final MatcherRegistry registry;
  private final Clock clock;
  private final String toolVersion;

  public Assessment(
      CheckCatalog catalog, MatcherRegistry registry, Clock clock, String toolVersion) {
    this.catalog = catalog;
    this.registry = registry;
    this.clock = clock;
    this.toolVersion = toolVersion;
  }

  /**
   * How the exposure probe runs.
   *
   * @param vantages {@code local} and/or inventory host names
   * @param baseline an earlier probe report to compare with, or null
   * @param timeout connect and banner timeout per target
   */
  public record ProbeSettings(
      List<String> vantages, ProbeReport baseline, Duration timeout, boolean acceptNewHostKeys) {
    public ProbeSettings {
      vantages = List.copyOf(vantages);
    }
  }

  /**
   * A scan.
   *
   * @param inventory the whole inventory (jump hosts, vantages, the groups waivers name)
   * @param hosts the hosts to assess (selected and sharded)
   * @param options parallelism, deadlines, limits, profile and the command line's check settings
   * @param jumpResolver finds the host a {@code jump:} names
   * @param probe how to probe exposure after collection, or null for no probe
   * @param snapshotDir where to save each host's snapshot with how it was evaluated, or null
   * @param connections the SSH connections, some perhaps begun already ({@link
   *     EarlyConnections#begin} on {@link #sshTransport}), or null to open each when its host's
   *     turn comes
   */
  public record ScanRequest(
      Inventory inventory,
      List<HostSpec> hosts,
      ScanOptions options,
      boolean acceptNewHostKeys,
      Function<String, Optional<HostSpec>> jumpResolver,
      ProbeSettings probe,
      Path snapshotDir,
      ReviewPlan review,
      EarlyConnections connections) {
    public ScanRequest {
      hosts = List.copyOf(hosts);
      review = review == null ? ReviewPlan.NONE : review;
    }
  }

  /** A network-only exposure probe of {@code hosts}. */
  public record ProbeRequest(
      Inventory inventory, List<HostSpec> hosts, String profile, ProbeSettings probe) {
    public ProbeRequest {
      hosts = List.copyOf(hosts);
    }
  }

  /**
   * An offline evaluation of saved evidence.
   *
   * @param snapshots what to evaluate, as read by {@link SnapshotInputs}
   * @param profile the profile to evaluate for, or null for the one each snapshot was scanned with
   *     ({@code baseline} for a bundle)
   * @param params check parameters laid over those each snapshot was scanned with
   */
  public record EvaluateRequest(
      List<SnapshotInputs.Input> snapshots,
      String profile,
      Map<String, Object> params,
      ReviewPlan review) {
    public EvaluateRequest {
      snapshots = List.copyOf(snapshots);
      params = Map.copyOf(params);
      review = review == null ? ReviewPlan.NONE : review;
    }
  }

  /**
   * What an assessment found.
   *
   * @param exposure the probe's outcome (for {@code probe.json} and its warnings), or null
   * @param probeOnly no host was collected from: an unknown finding means "not fully assessed"
   */
  public record Result(ScanResult scan, ExposureService.Outcome exposure, boolean probeOnly) {
    /**
     * What the result means for a pipeline: gaps at or above {@code threshold} (with {@code
     * newOnly} only those new since the baseline) or a new exposure since the probe's baseline,
     * else an incomplete assessment, else clean.
     */
    public ExitGate.Outcome exit(Severity threshold, boolean newOnly) {
      if (exposure != null && exposure.hasNewExposure()) {
        return ExitGate.Outcome.GAPS;
      }
      return ExitGate.decide(scan, threshold, newOnly, probeOnly);
    }
  }

  /** The checks of {@code profile} that are evaluated on collected snapshots (not the probe's). */
  public List<CheckDefinition> collectedChecks(String profile) {
    return catalog.forProfile(profile).stream()
        .filter(c -> !c.matcher().equals(NetworkProbeMatcher.NAME))
        .toList();
  }

  public Result scan(ScanRequest req, ScanListener listener) {
    String profile = req.options().profile();
    List<CheckDefinition> checks = collectedChecks(profile);
    for (HostSpec h : req.hosts()) {
      try {
        ParamOverrides.validate(
            h.params(), checks, registry, h.location() + ": host '" + h.name() + "': params");
      } catch (IllegalArgumentException e) {
        throw new RequestException(e.getMessage());
      }
    }
    Transport local = new LocalTransport();
    Transport ssh =
        req.connections() != null
            ? req.connections()
            : EarlyConnections.none(
                sshTransport(
                    req.acceptNewHostKeys(), req.options().connectTimeout(), req.jumpResolver()));
    Map<String, EvaluatedWith> saved = new ConcurrentHashMap<>();
    // What each collected host's sshd offers a public source: the probe's password verdict on a
    // host declared public rests on it when only an internal vantage saw the port.
    Map<String, PublicSourceAuth> hostSide = new ConcurrentHashMap<>();
    Inventory selected =
        new Inventory(
            req.inventory().source(),
            req.hosts(),
            req.inventory().branding(),
            req.inventory().warnings());
    ScanResult result =
        new ScanService(
                h -> h.isLocal() ? local : ssh,
                new CheckEvaluator(checks, registry),
                req.options(),
                clock,
                toolVersion)
            .scan(
                selected,
                listener,
                (snap, settings) -> {
                  if (req.probe() != null) {
                    selected
                        .host(snap.host())
                        .ifPresent(
                            h ->
                                hostSide.put(
                                    h.name(), PublicSourceAuth.of(new Facts(snap), h.user())));
                  }
                  if (req.snapshotDir() != null) {
                    EvaluatedWith how = evaluatedWith(settings);
                    save(snap, how, req.snapshotDir());
                    saved.put(snap.host(), how);
                  }
                });
    ExposureService.Outcome exposure = null;
    if (req.probe() != null) {
      exposure = probe(req.inventory(), req.hosts(), req.probe(), hostSide::get);
      result = ExposureService.attach(result, exposure, catalog::check);
      if (req.snapshotDir() != null) {
        recordExposure(req.snapshotDir(), saved, exposure);
      }
    }
    return new Result(review(result, req.review(), req.inventory()), exposure, false);
  }

  /**
   * The SSH transport a scan connects with; a caller that begins connections before its {@link
   * ScanRequest} is complete builds them on this.
   */
  public static Transport sshTransport(
      boolean acceptNewHostKeys,
      Duration connectTimeout,
      Function<String, Optional<HostSpec>> jumpResolver) {
    return new SshTransport(
        SshOptions.defaults()
            .withAcceptNewHostKeys(acceptNewHostKeys)
            .withTimeouts(connectTimeout, connectTimeout),
        jumpResolver);
  }

  public Result probe(ProbeRequest req) {
    Instant started = clock.instant();
    ExposureService.Outcome o = probe(req.inventory(), req.hosts(), req.probe(), name -> null);
    ScanResult empty =
        new ScanResult(
            toolVersion,
            started,
            clock.instant(),
            req.inventory().source(),
            req.profile(),
            List.of());
    return new Result(ExposureService.probeOnly(empty, req.hosts(), o, catalog::check), o, true);
  }

  /**
   * Evaluates saved evidence with the settings each snapshot was scanned with (profile, check
   * parameters, the exposure probe's findings), the request's profile and parameters on top: a
   * snapshot evaluated without overrides gives the verdicts of the scan that saved it.
   */
  public Result evaluate(EvaluateRequest req) {
    Instant started = clock.instant();
    Map<String, SnapshotEvaluation> byProfile = new HashMap<>();
    List<String> profiles = new ArrayList<>();
    List<HostResult> hosts = new ArrayList<>();
    for (SnapshotInputs.Input in : req.snapshots()) {
      EvaluatedWith recorded = in.evaluatedWith();
      String profile =
          req.profile() != null
              ? req.profile()
              : recorded != null ? recorded.profile() : CheckCatalog.PROFILES.get(0);
      if (!profiles.contains(profile)) {
        profiles.add(profile);
      }
      Map<String, Object> settings = new LinkedHashMap<>();
      if (recorded != null) {
        settings.putAll(recorded.params());
      }
      settings.putAll(req.params());
      settings.put(ParamOverrides.PROFILE, profile);
      HostSnapshot snap = in.snapshot();
      HostResult h =
          byProfile
              .computeIfAbsent(
                  profile,
                  p -> new SnapshotEvaluation(new CheckEvaluator(collectedChecks(p), registry)))
              .evaluate(
                  snap,
                  in.address(),
                  null,
                  new CollectionStats(snap.totalBytes(), snap.items().size(), 0, 0),
                  settings);
      if (recorded != null && !recorded.exposure().isEmpty()) {
        List<Finding> fs = new ArrayList<>(h.findings());
        fs.addAll(ExposureService.withCatalog(recorded.exposure(), catalog::check));
        h = h.withFindings(fs);
      }
      hosts.add(h);
    }
    ScanResult result =
        new ScanResult(
            toolVersion,
            started,
            clock.instant(),
            "(snapshots)",
            String.join(",", profiles),
            hosts);
    return new Result(review(result, req.review(), null), null, false);
  }

  /** The reports of a sharded scan's runs joined into the report one unsharded scan gives. */
  public static Result merge(List<ShardMerge.Part> parts, List<String> inventoryOrder) {
    try {
      return new Result(ShardMerge.merge(parts, inventoryOrder), null, false);
    } catch (IllegalArgumentException e) {
      throw new RequestException("merge: " + e.getMessage());
    }
  }

  private ScanResult review(ScanResult result, ReviewPlan plan, Inventory inventory) {
    return plan.apply(result, inventory, LocalDate.now(clock));
  }

  /**
   * @param hostSide per host name, what its collected sshd offers a public source (null when not
   *     collected)
   */
  private ExposureService.Outcome probe(
      Inventory inventory,
      List<HostSpec> hosts,
      ProbeSettings p,
      Function<String, PublicSourceAuth> hostSide) {
    SshTransport ssh =
        new SshTransport(
            SshOptions.defaults().withAcceptNewHostKeys(p.acceptNewHostKeys()), inventory::host);
    return new ExposureService(
            ssh,
            Duration.ofSeconds(Math.max(10, p.timeout().toSeconds())),
            ProbeOptions.withTimeout(p.timeout()),
            clock,
            toolVersion)
        .run(inventory, hosts, p.vantages(), p.baseline(), hostSide);
  }

  private static EvaluatedWith evaluatedWith(Map<String, Object> settings) {
    Map<String, Object> params = new LinkedHashMap<>(settings);
    Object profile = params.remove(ParamOverrides.PROFILE);
    return new EvaluatedWith(
        profile == null ? CheckCatalog.PROFILES.get(0) : profile.toString(), params, List.of());
  }

  private static void save(HostSnapshot snap, EvaluatedWith how, Path dir) {
    try {
      SnapshotStore.save(snap, how.toMap(), dir);
    } catch (IOException e) {
      throw new RequestException("cannot write a snapshot to " + dir + ": " + e.getMessage());
    }
  }

  /** The probe ran after the snapshots were saved: add each host's exposure findings to its own. */
  private static void recordExposure(
      Path dir, Map<String, EvaluatedWith> saved, ExposureService.Outcome exposure) {
    exposure
        .findings()
        .forEach(
            (host, findings) -> {
              EvaluatedWith how = saved.get(host);
              if (how == null || findings.isEmpty()) {
                return;
              }
              try {
                Path file = SnapshotStore.fileIn(dir, host);
                SnapshotStore.save(
                    SnapshotStore.load(file), how.withExposure(findings).toMap(), dir);
              } catch (IOException e) {
                throw new RequestException(
                    "cannot add the exposure findings to the snapshot in " + dir + ": " + e);
              }
            });
  }
}
