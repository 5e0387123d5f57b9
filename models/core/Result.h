#pragma once

#include "StoreError.h"

#include <optional>
#include <utility>
#include <variant>

namespace shopdesk {

// Either a value or the StoreError explaining why there is none.
// (std::expected arrives with C++23; this is the part of it we need.)
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) { }
    Result(StoreError error) : m_state(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    // By value from a temporary, so `for (x : f().value())` does not dangle.
    T value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

    const StoreError &error() const { return std::get<StoreError>(m_state); }

private:
    std::variant<T, StoreError> m_state;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(StoreError error) : m_error(std::move(error)) { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const StoreError &error() const { return *m_error; }

private:
    std::optional<StoreError> m_error;
};

} // namespace shopdesk
