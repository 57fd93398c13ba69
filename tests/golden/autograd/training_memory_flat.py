# needs: autograd
# A training loop runs in constant memory: the graph and its saved tensors
# are freed after each backward. RSS after 10,000 more steps must not grow by
# more than 2 MB (PyTorch prints the same verdict).
import torch

def rss_kb():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * 4

w = torch.randn(8, 8, requires_grad=True)
x = torch.randn(4, 8)
def step():
    y = (x @ w).tanh()
    loss = (y * y).mean()
    loss.backward()
    with torch.no_grad():
        w.sub_(0.01 * w.grad)
    w.grad.zero_()
for i in range(1000):
    step()
before = rss_kb()
for i in range(10000):
    step()
after = rss_kb()
print("flat" if after - before < 2048 else "grew by %d KB" % (after - before))
print(w.grad.abs().sum().item() == 0.0, w.requires_grad, w.is_leaf)
