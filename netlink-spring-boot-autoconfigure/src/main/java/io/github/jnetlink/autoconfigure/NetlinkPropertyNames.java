package io.github.jnetlink.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The property names {@link NetlinkProperties} binds, and the check, before any bean is created, that every
 * {@code netlink.*} name in the {@link Environment} is one of them. The binder ignores a name it does not
 * know, so {@code grups}, {@code recieve-buffer-size} or {@code group:} would leave a connection without
 * its groups or buffer and nothing would say so; this fails startup with a {@link NetlinkConfigurationException}
 * naming the property and the closest known one.
 *
 * <p>The known names are read from the properties classes, so a property added there is known here. Names
 * are compared as relaxed binding does: {@code receive-buffer-size}, {@code receiveBufferSize} and, in the
 * environment, {@code NETLINK_CONNECTIONS_ROUTE_RECEIVEBUFFERSIZE} and {@code ..._RECEIVE_BUFFER_SIZE} are
 * one key.
 */
final class NetlinkPropertyNames implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("netlink");

    /** A property's shape: a value, a bean with named properties, or a map from any key to a value shape. */
    private sealed interface Shape permits Value, Bean, MapOf {
    }

    private record Value() implements Shape {
    }

    /** Properties by uniform name (lower case, letters and digits only), each with its kebab-case name. */
    private record Bean(Map<String, String> names, Map<String, Shape> properties) implements Shape {
    }

    private record MapOf(Shape value) implements Shape {
    }

    private static final Shape PROPERTIES = shape(ResolvableType.forClass(NetlinkProperties.class));

    /** A name nothing binds: which element is unknown, and what was expected there. */
    private record Unknown(ConfigurationPropertyName name, int element, Bean expected, Object value, Object origin) {
    }

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /**
     * @throws NetlinkConfigurationException naming every {@code netlink.*} property nothing binds
     */
    static void check(Environment environment) {
        Map<ConfigurationPropertyName, Unknown> unknown = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean systemEnvironment = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.filter(ROOT::isAncestorOf).stream().forEach(name -> {
                if (unknown.containsKey(name)) {
                    return;
                }
                Mismatch m = match(PROPERTIES, name, 1, systemEnvironment);
                if (m != null) {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    unknown.put(name, new Unknown(name, m.element(), m.bean(), property == null ? null : property.getValue(),
                            property == null ? null : property.getOrigin()));
                }
            });
        }
        if (!unknown.isEmpty()) {
            throw failure(List.copyOf(unknown.values()));
        }
    }

    /** Element {@code element} is unknown to {@code bean}, or, when that is null, goes below a value. */
    private record Mismatch(int element, Bean bean) {
    }

    /** @return null when {@code name} from element {@code i} on fits {@code shape}, else where it does not */
    private static Mismatch match(Shape shape, ConfigurationPropertyName name, int i, boolean systemEnvironment) {
        if (i == name.getNumberOfElements()) {
            return null;
        }
        if (shape instanceof MapOf map) {
            return match(map.value(), name, i + 1, systemEnvironment);
        }
        if (shape instanceof Value) {
            // list and array values take indexes; nothing else goes below a value
            return isIndex(name, i) ? match(shape, name, i + 1, systemEnvironment) : new Mismatch(i, null);
        }
        Bean bean = (Bean) shape;
        String element = name.getElement(i, Form.UNIFORM);
        Shape property = bean.properties().get(element);
        if (property != null) {
            return match(property, name, i + 1, systemEnvironment);
        }
        if (systemEnvironment) {
            // NETLINK_CONNECTIONS_ROUTE_RECEIVE_BUFFER_SIZE: the dashes of a name became separators
            StringBuilder joined = new StringBuilder(element);
            for (int j = i + 1; j < name.getNumberOfElements(); j++) {
                joined.append(name.getElement(j, Form.UNIFORM));
                Shape p = bean.properties().get(joined.toString());
                if (p != null && match(p, name, j + 1, true) == null) {
                    return null;
                }
            }
        }
        return new Mismatch(i, bean);
    }

    private static boolean isIndex(ConfigurationPropertyName name, int i) {
        return name.isNumericIndex(i) || name.getElement(i, Form.ORIGINAL).chars().allMatch(Character::isDigit);
    }

    private static NetlinkConfigurationException failure(List<Unknown> unknown) {
        StringBuilder description = new StringBuilder(unknown.size() == 1
                ? "This netlink property is unknown: nothing binds it, so its value would be silently ignored:\n"
                : "These netlink properties are unknown: nothing binds them, so their values would be silently ignored:\n");
        StringBuilder action = new StringBuilder();
        for (Unknown u : unknown) {
            description.append("\n\t").append(u.name()).append(u.value() == null ? "" : " = " + u.value())
                    .append(u.origin() == null ? "" : " (" + u.origin() + ")");
            String parent = u.element() > 0 ? u.name().chop(u.element()).toString() : "";
            String bad = u.name().getElement(u.element(), Form.DASHED);
            Collection<String> names = u.expected() == null ? List.of() : u.expected().names().values();
            String closest = ClosestName.to(bad, names);
            if (action.length() > 0) {
                action.append('\n');
            }
            if (closest != null) {
                ConfigurationPropertyName rest = u.name().subName(u.element() + 1);
                action.append("Rename ").append(u.name()).append(" to ").append(parent).append('.').append(closest)
                        .append(rest.isEmpty() ? "" : "." + rest).append(" (did you mean '").append(closest).append("'?).");
            } else if (u.expected() == null) {
                action.append("Remove ").append(u.name()).append(": ").append(parent).append(" takes a single value.");
            } else {
                action.append("Remove ").append(u.name()).append(", or change it to one of the properties under ").append(parent)
                        .append(": ").append(String.join(", ", leaves(u.expected()))).append('.');
            }
        }
        Unknown first = unknown.get(0);
        return new NetlinkConfigurationException(String.join(", ", unknown.stream().map(u -> u.name().toString()).toList()),
                first.value() == null ? null : first.value().toString(), first.expected() == null ? List.of() : leaves(first.expected()),
                description.toString(),
                action.toString(), null);
    }

    /** @return the names of a bean's properties, nested ones as {@code listener.enabled} */
    private static List<String> leaves(Bean bean) {
        List<String> out = new ArrayList<>();
        bean.properties().forEach((uniform, shape) -> {
            String kebab = bean.names().get(uniform);
            if (shape instanceof Bean nested) {
                leaves(nested).forEach(n -> out.add(kebab + "." + n));
            } else {
                out.add(kebab);
            }
        });
        return out;
    }

    private static Shape shape(ResolvableType type) {
        Class<?> raw = type.toClass();
        if (Map.class.isAssignableFrom(raw)) {
            return new MapOf(shape(type.asMap().getGeneric(1)));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return shape(type.asCollection().getGeneric(0));
        }
        if (raw.isArray()) {
            return shape(type.getComponentType());
        }
        if (raw.isEnum() || raw.getPackage() == null || !raw.getPackageName().equals(NetlinkProperties.class.getPackageName())) {
            return new Value();
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Shape> properties = new LinkedHashMap<>();
        for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(raw)) {
            if (d.getReadMethod() == null || d.getName().equals("class")) {
                continue;
            }
            Shape s = shape(ResolvableType.forMethodReturnType(d.getReadMethod()));
            // a nested bean without a setter (listener) is bound in place; a value needs a setter
            if (d.getWriteMethod() != null || s instanceof Bean) {
                String kebab = d.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
                String uniform = kebab.replace("-", "");
                names.put(uniform, kebab);
                properties.put(uniform, s);
            }
        }
        return new Bean(names, properties);
    }
}
