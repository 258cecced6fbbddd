package org.comity;

import org.comity.cli.CommandLine;
import org.comity.node.sandbox.SandboxEarlyStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** The Comity node; with a command word first, its command line ({@link CommandLine}). */
@SpringBootApplication
@Modulithic(systemName = "Comity", sharedModules = "shared")
public class Comity {

    public static void main(String[] args) {
        if (CommandLine.handles(args)) {
            System.exit(CommandLine.run(Comity.class, args, System.out, System.err));
        }
        var application = new SpringApplication(Comity.class);
        application.addListeners(new SandboxEarlyStart());
        application.run(args);
    }
}
