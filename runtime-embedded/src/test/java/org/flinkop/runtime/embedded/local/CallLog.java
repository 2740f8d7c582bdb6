package org.flinkop.runtime.embedded.local;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records when each method of a port was called and when it returned, for measuring what the operator did when. */
final class CallLog {

    /** One call: the method's name, and the wall-clock instants it started and returned. */
    record Call(String method, Instant started, Instant returned) {
    }

    private final List<Call> calls = new ArrayList<>();

    /** A view of {@code target} that records every call made through it. */
    @SuppressWarnings("unchecked")
    <T> T recording(Class<T> port, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            Instant started = Instant.now();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                synchronized (calls) {
                    calls.add(new Call(method.getName(), started, Instant.now()));
                }
            }
        };
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler);
    }

    /** The first call of {@code method} that started at or after {@code since}. */
    Call first(String method, Instant since) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.method().equals(method) && !c.started().isBefore(since)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no call of " + method + " since " + since));
        }
    }
}
