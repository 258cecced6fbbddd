package org.comity.web.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's language: {@code ?lang=fr} on any page switches it and a cookie remembers the choice;
 * without a choice the browser's {@code Accept-Language} decides among the supported languages, and
 * English is the default. Arabic ({@code dir="rtl"}) is complete like French; a key missing from a
 * bundle would fall back to English, which {@code MessageBundlesTest} prevents.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class Languages implements WebMvcConfigurer {

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("ar"));

    @Bean
    LocaleResolver localeResolver() {
        return new SecureUnderTls(cookieResolver(false), cookieResolver(true));
    }

    /**
     * The language cookie is {@code Secure} on requests that came over TLS (directly or through a proxy
     * Spring Boot trusts, {@code server.forward-headers-strategy}), like the session cookie; over plain
     * HTTP (a sandbox on localhost) a Secure cookie would not be kept.
     */
    private record SecureUnderTls(CookieLocaleResolver plain, CookieLocaleResolver secure) implements LocaleResolver {
        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return (request.isSecure() ? secure : plain).resolveLocale(request);
        }

        @Override
        public void setLocale(
                HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
            (request.isSecure() ? secure : plain).setLocale(request, response, locale);
        }
    }

    private static CookieLocaleResolver cookieResolver(boolean secure) {
        var resolver = new CookieLocaleResolver("comity-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setCookieSecure(secure);
        resolver.setDefaultLocaleFunction(request -> {
            var accepted = request.getLocales();
            while (accepted.hasMoreElements()) {
                var wanted = accepted.nextElement();
                for (Locale supported : SUPPORTED) {
                    if (supported.getLanguage().equals(wanted.getLanguage())) {
                        return supported;
                    }
                }
            }
            return Locale.ENGLISH;
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        // A letter's lang parameter chooses the letter's language, not the console's.
        registry.addInterceptor(new SupportedOnly(change))
                .excludePathPatterns("/requests/*/letter.pdf", "/api/requests/*/letter");
    }

    /** Only the supported languages may be chosen; anything else is ignored. */
    private record SupportedOnly(LocaleChangeInterceptor delegate)
            implements org.springframework.web.servlet.HandlerInterceptor {
        @Override
        public boolean preHandle(
                jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response,
                Object handler)
                throws jakarta.servlet.ServletException {
            var lang = request.getParameter("lang");
            if (lang == null
                    || SUPPORTED.stream().noneMatch(l -> l.getLanguage().equals(lang))) {
                return true;
            }
            return delegate.preHandle(request, response, handler);
        }
    }
}
