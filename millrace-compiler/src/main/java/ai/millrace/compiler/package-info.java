/**
 * The plan compiler: {@link ai.millrace.compiler.PlanCompiler} turns a mode, its graph loops and
 * stage kinds into a frozen plan; {@link ai.millrace.compiler.CompiledPlanStore} persists it with
 * last-known-good semantics; {@link ai.millrace.compiler.PlanDiagrams} draws it.
 */
package ai.millrace.compiler;
