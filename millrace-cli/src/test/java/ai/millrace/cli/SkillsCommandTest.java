package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillsCommandTest {
    @TempDir
    Path tmp;

    final Cli cli = new Cli();
    Path w;

    @BeforeEach
    void init() {
        w = tmp.resolve("ws");
        assertEquals(0, cli.run("init", "--workspace", w.toString()).code());
    }

    @Test
    void lsShowAndSearchTheInstalledSkills() {
        Cli.Result ls = cli.run("skills", "ls", "--workspace", w.toString());
        assertEquals(0, ls.code(), ls.toString());
        assertTrue(ls.lines().contains("millrace-skill-creator"), ls.out());
        Cli.Result show = cli.run("skills", "show", "millrace-skill-creator", "--workspace", w.toString());
        assertEquals("millrace-skill-creator", show.get("skill_id"));
        assertEquals(w.resolve("millrace-agents/skills/millrace-skill-creator/SKILL.md").toString(), show.get("path"));
        assertTrue(cli.run("skills", "search", "SKILL-CREATOR", "--workspace", w.toString()).lines()
                .contains("millrace-skill-creator"));
        assertEquals("", cli.run("skills", "search", "zzz-no-such-text", "--workspace", w.toString()).out());
        Cli.Result empty = cli.run("skills", "search", " ", "--workspace", w.toString());
        assertEquals(1, empty.code());
        assertEquals("error: search query is required\n", empty.err());
        assertEquals(1, cli.run("skills", "show", "nope", "--workspace", w.toString()).code());
        assertTrue(cli.run("skills", "ls", "--json", "--workspace", w.toString()).json().get("skills").isArray());
    }

    @Test
    void installFromALocalFolderAndRefuseDuplicatesAndRemoteIds() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("greeter"));
        Files.writeString(src.resolve("SKILL.md"), "---\nasset_id: greeter\n---\n# Greeter\n\nSay hello.\n");
        Cli.Result r = cli.run("skills", "install", src.toString(), "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("greeter", r.get("installed_skill"));
        assertEquals("Greeter", cli.run("skills", "show", "greeter", "--workspace", w.toString()).get("title"));
        assertTrue(Files.readString(w.resolve("millrace-agents/skills/skills_index.md")).contains("- greeter: greeter/SKILL.md"));
        assertTrue(Files.readString(w.resolve("millrace-agents/skills/skill_operations.jsonl")).contains("\"install\""));
        Cli.Result dup = cli.run("skills", "install", src.toString(), "--workspace", w.toString());
        assertEquals(1, dup.code());
        assertTrue(dup.err().startsWith("error: skill already exists: greeter"), dup.err());
        assertEquals(0, cli.run("skills", "install", src.resolve("SKILL.md").toString(), "--force", "--workspace",
                w.toString()).code());
        Cli.Result remote = cli.run("skills", "install", "some-remote-skill", "--workspace", w.toString());
        assertEquals(1, remote.code());
        assertTrue(remote.err().contains("no network skill source"), remote.err());
    }

    @Test
    void exportZipsTheSkill() throws Exception {
        Path out = tmp.resolve("out/creator.zip");
        Cli.Result r = cli.run("skills", "export", "millrace-skill-creator", "--output", out.toString(), "--workspace",
                w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("exported_skill: " + out + "\n", r.out());
        try (ZipFile zip = new ZipFile(out.toFile())) {
            assertTrue(zip.getEntry("millrace-skill-creator/SKILL.md") != null);
        }
        assertEquals(1, cli.run("skills", "export", "nope", "--workspace", w.toString()).code());
    }

    @Test
    void createAndImproveNeedALearningMode() throws Exception {
        Cli.Result refused = cli.run("skills", "create", "write better tests", "--workspace", w.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().startsWith("error: current mode does not enable the learning plane"), refused.err());
        Cli.Result r = cli.run("skills", "create", "write better tests", "--mode", "learning_codex", "--workspace",
                w.toString());
        assertEquals(0, r.code(), r.toString());
        Path queued = Path.of(r.get("queued_learning_request"));
        assertTrue(queued.startsWith(w.resolve("millrace-agents/learning/requests/queue")), r.out());
        assertTrue(Files.readString(queued).contains("Requested-Action: create"));
        Cli.Result improve = cli.run("skills", "improve", "millrace-skill-creator", "--mode", "learning_pi",
                "--workspace", w.toString());
        assertEquals(0, improve.code(), improve.toString());
        assertEquals("2", cli.run("queue", "ls", "--workspace", w.toString()).get("learning_queue_depth"));
    }

    @Test
    void promoteNeedsASourceCheckout() {
        Cli.Result r = cli.run("skills", "promote", "millrace-skill-creator", "--workspace", w.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: cannot find the packaged skills folder"), r.err());
        assertEquals(1, cli.run("skills", "ls", "--workspace", tmp.resolve("no").toString()).code());
    }
}
