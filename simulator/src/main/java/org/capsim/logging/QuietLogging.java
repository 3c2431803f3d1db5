package org.capsim.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging as capsim wants it, set up in code: warnings and errors of libraries (DSOL's among
 * them) on standard error as "LEVEL Logger: message"; capsim reports its own errors itself.
 *
 * <p>Logback finds this class through {@code META-INF/services} before it looks for a
 * logback.xml. Configuring from XML loaded about 480 logback classes and made 140 lambdas (its
 * pattern layout's converters) in every run: a tenth of a second, and the JDK's class-spinning
 * code grew hot enough for the JIT to spend a second compiling it on the run's cores.
 */
public final class QuietLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** "LEVEL Logger: message" and a line end, the logger by the last part of its name. */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            String logger = event.getLoggerName();
            return event.getLevel() + " " + logger.substring(logger.lastIndexOf('.') + 1) + ": " + event.getFormattedMessage()
                    + System.lineSeparator();
        }
    }
}
