package org.comity.safeguards.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import org.comity.safeguards.PolicyPackAdministration;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.web.FieldErrors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Policy packs for administrators: every loaded version per State (who imported it, when, from which
 * file, which is current), the import form, the problems of a refused pack with their lines next to
 * the file input, and the latest import attempts.
 */
@Controller
class PolicyPackPages {

    private static final String PAGE = "safeguards/policy-packs";

    private final PolicyPackAdministration packs;

    PolicyPackPages(PolicyPackAdministration packs) {
        this.packs = packs;
    }

    @GetMapping("/admin/policy-packs")
    @PreAuthorize("hasRole('ADMIN')")
    String page(Model model) {
        model.addAttribute("errors", FieldErrors.none());
        return show(model);
    }

    @PostMapping("/admin/policy-packs")
    @PreAuthorize("hasRole('ADMIN')")
    String importPack(@RequestParam("file") MultipartFile file, Principal principal, Model model) throws IOException {
        var name = String.valueOf(file.getOriginalFilename());
        model.addAttribute("fileName", name);
        model.addAttribute("errors", FieldErrors.none());
        if (file.isEmpty()) {
            model.addAttribute(
                    "errors",
                    FieldErrors.of(InvalidInput.of("file", "file-required", "choose a file"), List.of("file")));
            return show(model);
        }
        try {
            model.addAttribute(
                    "imported",
                    packs.importPolicyPack(
                            new String(file.getBytes(), StandardCharsets.UTF_8), name, principal.getName()));
        } catch (InvalidInput e) {
            // Every problem belongs to the file input; the line is part of what is shown next to it.
            model.addAttribute("report", e.violations());
        } catch (Conflict e) {
            model.addAttribute("conflict", e);
        }
        return show(model);
    }

    private String show(Model model) {
        model.addAttribute("packs", packs.policyPackVersions());
        model.addAttribute("attempts", packs.policyPackImports(20));
        return PAGE;
    }
}
