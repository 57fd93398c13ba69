# needs: core
import torch

x = torch.tensor([[1., -2.], [3., 4.5]])
i = torch.tensor([[7, -3], [2, 5]])
print(x + i, x - 1, 1 - x, x * True, i * 2.5, i / 2, 3 / i, i // 2, -7 // i, i % 3, 5 % i)
print(x ** 2, 2 ** x, i ** 2, x ** i, x.pow(0.5), torch.pow(2, i), x.float_power(2), torch.float_power(i, 0.5))
print(x.add(i, alpha=2), torch.sub(x, 1, alpha=3), x.mul(2), x.div(4), i.div(2, rounding_mode='floor'), i.div(-2, rounding_mode='trunc'))
print(torch.floor_divide(i, 2), torch.remainder(i, -3), torch.true_divide(i, 4), torch.rsub(i, 1), torch.rsub(x, 2))
print((x > 0) & (x > 2), i & 6, i | 1, i ^ 3, ~i, ~(x > 0), (x > 0) | (x < -1), (x > 0) ^ (x > 2))
print(-x, +x, abs(x), x.abs(), x.neg(), -i)
print(x == 3, x != 3, x < i, x <= 3, x > 3.0, x >= i, 2 < x, 3 == x)
print(x.eq(3), x.ne(i), torch.gt(x, 1), torch.le(i, 2), x.greater(0), x.less_equal(1))
print(torch.maximum(x, i), torch.minimum(x, torch.tensor(0.)), x.clamp(min=0), x.clamp(max=2), x.clamp(-1, 1), x.clip(0, 3))
print(torch.clamp(i, min=0), i.clamp_min(3), i.clamp_max(3), x.clamp(torch.tensor([0., 1.]), torch.tensor([2., 3.])))
y = x.clone()
y += 1
print(y)
y -= i
print(y)
y *= 2
print(y)
y /= 4
print(y)
y **= 2
print(y)
j = i.clone()
j //= 2
print(j)
j %= 3
print(j)
j &= 1
print(j)
j |= 4
print(j)
z = x.clone()
z @= torch.eye(2)
print(z)
print(x.add_(1), x.sub_(1), x.mul_(2), x.div_(2), x.pow_(1), x.clamp_(-1, 4), x)
print(x.neg_(), x.abs_(), x.sqrt_(), x.exp_().log_(), x.floor_(), x.ceil_(), x.round_(), x.zero_())
print(torch.add(x, i, out=torch.empty(2, 2)), torch.mul(i, 2, out=torch.empty(2, 2, dtype=torch.int64)))
print(sum([torch.tensor(1.), torch.tensor(2.)]), 0 + torch.tensor(3), 1.5 * torch.tensor([2]))
