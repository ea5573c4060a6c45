package io.auditgap.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A warm-up's work is counted in no phase; the same work outside it is. (Rendering is only ever
 * counted by the command's own thread, so no other test's leftover thread can add to it here.)
 */
class PhasesTest {

  @Test
  void workRunUncountedAddsToNoPhaseAndCountingResumesAfterIt() {
    double render = Phases.seconds(Phases.Phase.RENDER);
    Phases.uncounted(() -> Phases.addCpu(Phases.Phase.RENDER, Phases.threadCpu() - 1_000_000_000L));
    assertEquals(render, Phases.seconds(Phases.Phase.RENDER));

    Phases.addCpu(Phases.Phase.RENDER, Phases.threadCpu() - 1_000_000_000L);
    assertTrue(Phases.seconds(Phases.Phase.RENDER) >= render + 1.0);
  }
}
