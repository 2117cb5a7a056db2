package io.github.jnetlink.route;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.RandomAccess;

/**
 * A list over an array the mirror's tables have just copied their entries into, none of them null: a
 * {@link RouteMirrorSnapshot} sorts it in place and keeps it, where it copies and checks a list from anyone else.
 */
final class RouteMirrorList<T> extends AbstractList<T> implements RandomAccess {

    private final Object[] elements;

    private RouteMirrorList(Object[] elements) {
        this.elements = elements;
    }

    /** @param elements a fresh array no one else holds, without nulls */
    static <T> RouteMirrorList<T> over(Object[] elements) {
        return new RouteMirrorList<>(elements);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        return (T) elements[index];
    }

    @Override
    @SuppressWarnings("unchecked")
    public T set(int index, T element) {
        T old = (T) elements[index];
        elements[index] = element;
        return old;
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void sort(Comparator<? super T> c) {
        Arrays.sort((T[]) elements, c);
        modCount++;
    }
}
