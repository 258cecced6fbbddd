package org.comity.web.problems;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The page behind each problem type URI, so a client developer can look a type up. */
@Controller
class ProblemPages {

    @GetMapping("/problems")
    String all(Model model) {
        model.addAttribute("types", ProblemType.values());
        return "problems";
    }

    @GetMapping("/problems/{code}")
    String one(@PathVariable String code, Model model) {
        var type = ProblemType.fromCode(code).orElseThrow(() -> new org.comity.shared.NotFound("problem type"));
        model.addAttribute("types", new ProblemType[] {type});
        return "problems";
    }
}
