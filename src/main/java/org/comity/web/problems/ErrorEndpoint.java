package org.comity.web.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors raised outside Spring MVC (by the servlet container or a filter) land here, and leave as the
 * same problems as everything else. The original exception is never shown.
 */
@Controller
class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        var status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        var type = ProblemType.forStatus(status);
        var problem = Problems.problem(type, type.title());
        problem.setStatus(status);
        return ResponseEntity.status(status).body(problem);
    }
}
