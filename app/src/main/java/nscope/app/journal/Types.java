package nscope.app.journal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nscope.probes.readout.Readout;

/** Generic types made by hand, for the parts of a snapshot the codec is told the type of. */
final class Types {
    private Types() {}

    static Type list(Type element) {
        return of(List.class, element);
    }

    static Type map(Type key, Type value) {
        return of(Map.class, key, value);
    }

    static Type readout(Type value) {
        return of(Readout.class, value);
    }

    static Type of(Class<?> raw, Type... args) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return args.clone();
            }

            @Override
            public Type getRawType() {
                return raw;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }

            @Override
            public String toString() {
                return raw.getSimpleName() + Arrays.toString(args);
            }
        };
    }
}
