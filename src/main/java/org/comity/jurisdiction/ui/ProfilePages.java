package org.comity.jurisdiction.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.treaty.StateNames;
import org.comity.web.FieldErrors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * State profiles: the list, one State's offences and authorities, and (administrators) importing a
 * profile file with its error report: every problem in the file, with its line, and nothing stored.
 */
@Controller
class ProfilePages {

    private final Jurisdictions jurisdictions;
    private final StateNames stateNames;

    ProfilePages(Jurisdictions jurisdictions, StateNames stateNames) {
        this.jurisdictions = jurisdictions;
        this.stateNames = stateNames;
    }

    @GetMapping("/states")
    @PreAuthorize("isAuthenticated()")
    String list(Model model) {
        model.addAttribute("profiles", jurisdictions.profiles(true));
        model.addAttribute("stateNames", stateNames);
        return "jurisdiction/profiles";
    }

    @GetMapping("/states/{code}")
    @PreAuthorize("isAuthenticated()")
    String show(@PathVariable String code, Model model) {
        CountryCode state;
        try {
            state = CountryCode.of(code);
        } catch (IllegalArgumentException e) {
            throw new NotFound("profile of " + code);
        }
        model.addAttribute(
                "profile", jurisdictions.profile(state).orElseThrow(() -> new NotFound("profile of " + state)));
        model.addAttribute("stateNames", stateNames);
        return "jurisdiction/profile";
    }

    @GetMapping("/admin/profiles")
    @PreAuthorize("hasRole('ADMIN')")
    String importForm(Model model) {
        model.addAttribute("errors", FieldErrors.none());
        return "jurisdiction/import";
    }

    @PostMapping("/admin/profiles")
    @PreAuthorize("hasRole('ADMIN')")
    String importProfile(@RequestParam("file") MultipartFile file, Principal principal, Model model)
            throws IOException {
        model.addAttribute("fileName", file.getOriginalFilename());
        if (file.isEmpty()) {
            model.addAttribute(
                    "errors",
                    FieldErrors.of(
                            InvalidInput.of("file", "file-required", "choose a file"), java.util.List.of("file")));
            return "jurisdiction/import";
        }
        try {
            var imported = jurisdictions.importProfile(
                    new String(file.getBytes(), StandardCharsets.UTF_8),
                    principal.getName(),
                    String.valueOf(file.getOriginalFilename()));
            model.addAttribute("imported", imported);
            model.addAttribute("errors", FieldErrors.none());
        } catch (InvalidInput e) {
            model.addAttribute("report", e.violations());
            model.addAttribute("errors", FieldErrors.none());
        }
        return "jurisdiction/import";
    }
}
