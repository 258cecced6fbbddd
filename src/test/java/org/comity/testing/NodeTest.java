package org.comity.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A whole node in a test: the Spring context with MockMvc, on a fresh PostgreSQL database of its own
 * (see {@link PerTestClassDatabase}) and a temporary data directory. The context is closed after the
 * class: it is never reused anyway, and closing it returns its connections before the test PostgreSQL
 * stops at JVM exit.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
public @interface NodeTest {}
