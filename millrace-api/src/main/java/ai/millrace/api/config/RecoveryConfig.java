package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;

/**
 * The {@code [recovery]} table: recovery limits, compiled into threshold policies.
 *
 * @param maxFixCycles fix cycles before the troubleshooter; greater than 0
 * @param maxTroubleshootAttemptsBeforeConsult troubleshooter runs per failure class before the consultant; greater than 0
 * @param maxMechanicAttempts mechanic runs per failure class before planning blocks; greater than 0
 * @param staleStateRecoveryEnabled accepted for compatibility; the original never read it
 */
public record RecoveryConfig(
        int maxFixCycles,
        int maxTroubleshootAttemptsBeforeConsult,
        int maxMechanicAttempts,
        boolean staleStateRecoveryEnabled) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param maxFixCycles fix cycles before the troubleshooter; greater than 0
     * @param maxTroubleshootAttemptsBeforeConsult troubleshooter runs per failure class before the consultant; greater than 0
     * @param maxMechanicAttempts mechanic runs per failure class before planning blocks; greater than 0
     * @param staleStateRecoveryEnabled accepted for compatibility; the original never read it
     */
    public RecoveryConfig {
        if (maxFixCycles <= 0) {
            throw new ContractViolationException("recovery.max_fix_cycles must be greater than 0 (got " + maxFixCycles + ")");
        }
        if (maxTroubleshootAttemptsBeforeConsult <= 0) {
            throw new ContractViolationException("recovery.max_troubleshoot_attempts_before_consult must be greater than 0 (got " + maxTroubleshootAttemptsBeforeConsult + ")");
        }
        if (maxMechanicAttempts <= 0) {
            throw new ContractViolationException("recovery.max_mechanic_attempts must be greater than 0 (got " + maxMechanicAttempts + ")");
        }
    }

    /**
     * Returns the defaults: every limit 2.
     *
     * @return the defaults
     */
    public static RecoveryConfig defaults() {
        return new RecoveryConfig(2, 2, 2, true);
    }
}
