/**
 * Test Millrace loops, stages and harness plugins without a model: scripted runners, workspace fixtures, assertions, a harness compatibility kit and a fake model server.
 */
package ai.millrace.testkit;
